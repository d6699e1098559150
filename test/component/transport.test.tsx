import { describe, expect, it } from 'vitest';
import { httpTransport } from '../../renderer/src/api/transport';

/** A fetch that answers every request with `status` and `body`, recording the key it was sent. */
function server(status: number, body: unknown) {
  const keys: string[] = [];
  const fetchImpl = ((_url: string, init: RequestInit) => {
    keys.push(String((init.headers as Record<string, string>)['x-winback-key']));
    return Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
  }) as typeof fetch;
  return { keys, fetchImpl };
}

describe('the browser transport', () => {
  it('passes the backend’s own answers through, refusals included', async () => {
    const refusal = { ok: false, error: { code: 'forbidden', message: 'Only a manager can import.' } };
    const s = server(200, refusal);
    expect(await httpTransport('k1', s.fetchImpl)('imports.start', {})).toEqual(refusal);
    expect(s.keys).toEqual(['k1']);
  });

  it('reads a key refused by a restarted `winback serve` as a backend out of reach, so a draft is kept and sent again', async () => {
    const s = server(401, { ok: false, error: { code: 'forbidden', message: 'Missing or wrong console key. Open the address `winback serve` printed.' } });
    expect(await httpTransport('key-of-the-last-launch', s.fetchImpl)('call.saveDraft', {})).toMatchObject({
      ok: false,
      error: { code: 'network', message: 'Missing or wrong console key. Open the address `winback serve` printed.' },
    });
  });

  it('says the backend is not answering when nothing answers at all', async () => {
    const down = (() => Promise.reject(new TypeError('fetch failed'))) as typeof fetch;
    const result = await httpTransport('k1', down)('queue.list', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'network' } });
  });
});
