/** Prefix of the ipc channels that carry contract calls; shared by the preload and the main process. */
export const INVOKE_CHANNEL_PREFIX = 'api:';
