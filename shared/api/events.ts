/** Events the backend pushes to the window; the preload lets only these through. */
export const PUSH_EVENTS = ['sync.changed', 'menu.command'] as const;
export type PushEvent = (typeof PUSH_EVENTS)[number];
