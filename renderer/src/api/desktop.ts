import type { PushEvent } from '../../../shared/api/events';

/**
 * What the desktop window offers beyond the API: pushed events (the menu's commands). In a browser
 * (`winback serve`) there is no bridge, and these quietly do nothing.
 */
export function isDesktop(): boolean {
  return typeof window !== 'undefined' && window.winback !== undefined;
}

export function onPushEvent(event: PushEvent, listener: (payload: unknown) => void): () => void {
  const bridge = typeof window === 'undefined' ? undefined : window.winback;
  if (!bridge) return () => undefined;
  return bridge.on(event, listener);
}
