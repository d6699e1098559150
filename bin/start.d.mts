export function electronBinary(): string | null;
export const MISSING_ELECTRON_MESSAGE: string;
