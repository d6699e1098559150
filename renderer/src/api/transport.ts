import type { ApiResult } from '../../../shared/api/result';

export type Transport = (channel: string, payload: unknown) => Promise<ApiResult<unknown>>;

interface Bridge {
  invoke: (channel: string, payload: unknown) => Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    winback?: Bridge;
  }
}

const KEY_STORAGE = 'winback.key';

/**
 * In a browser (`winback serve`) the per-launch secret arrives in the URL once; it is kept for this
 * tab only and taken out of the address bar so it does not end up in history or screenshots.
 */
export function takeServeKey(location: Location, history: History, storage: Storage): string | null {
  const params = new URLSearchParams(location.search);
  const fromUrl = params.get('key');
  if (fromUrl) {
    storage.setItem(KEY_STORAGE, fromUrl);
    params.delete('key');
    const rest = params.toString();
    history.replaceState(null, '', `${location.pathname}${rest ? `?${rest}` : ''}${location.hash}`);
    return fromUrl;
  }
  return storage.getItem(KEY_STORAGE);
}

export function httpTransport(key: string | null, fetchImpl: typeof fetch = fetch): Transport {
  return async (channel, payload) => {
    try {
      const response = await fetchImpl(`/api/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-winback-key': key ?? '' },
        body: JSON.stringify(payload ?? {}),
      });
      const body = (await response.json()) as ApiResult<unknown>;
      // Refused at the server's door (this tab holds the key of an earlier launch, say): the
      // backend never heard the request. That is a backend out of reach, not a backend saying no,
      // so work in progress (a call's draft) is kept in the window and sent again, never dropped.
      if (!body.ok && (response.status === 401 || response.status === 403)) {
        return { ok: false, error: { code: 'network', message: body.error.message } };
      }
      return body;
    } catch {
      return {
        ok: false,
        error: { code: 'network', message: 'The console backend is not answering. Is `winback serve` still running?' },
      };
    }
  };
}

export function bridgeTransport(bridge: Bridge): Transport {
  return async (channel, payload) => {
    try {
      return (await bridge.invoke(channel, payload)) as ApiResult<unknown>;
    } catch {
      return { ok: false, error: { code: 'network', message: 'The console backend did not answer.' } };
    }
  };
}

/** The renderer does not know which transport it is on; this is the only place that looks. */
export function detectTransport(): Transport {
  if (window.winback) return bridgeTransport(window.winback);
  return httpTransport(takeServeKey(window.location, window.history, window.sessionStorage));
}
