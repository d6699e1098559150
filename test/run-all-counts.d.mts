export interface VitestJsonReport {
  numPassedTests?: number;
  numFailedTests?: number;
  numPendingTests?: number;
  numTodoTests?: number;
  testResults?: { name: string; status: string; assertionResults?: unknown[]; message?: string }[];
}

export interface ClosingCounts {
  passed: number;
  failed: number;
  skipped: number;
  failedTests: number;
  unloaded: { name: string; message: string }[];
  otherSteps: string[];
  testRunOnly: number;
}

export function filesFailedToLoad(report: VitestJsonReport | null): { name: string; message: string }[];
export function closingCounts(report: VitestJsonReport | null, failedSteps: string[]): ClosingCounts;
export function closingLines(counts: ClosingCounts): string[];
