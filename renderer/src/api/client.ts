import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/api';
import type { ApiError } from '../../../shared/api/result';
import { detectTransport, type Transport } from './transport';
import { say } from '../i18n/said';
import type { Said } from '../../../shared/i18n/said';

/**
 * A failed backend call, carrying the message the person should read, in the window's language, and
 * the sentence by key (when the core sent one this window can say) so a notice can say it again in
 * another language later; `field` is the input the sentence is about. Made by `failedCall`, which
 * checks the core's sentence first.
 */
export class ApiCallError extends Error {
  readonly code: ApiError['code'];
  readonly said: Said | null;
  readonly field: string | null;
  /** `said`: the core's sentence once checked (src/i18n/checkedSaid.ts); null says the core's own words. */
  constructor(error: ApiError, said: Said | null) {
    super(said ? say(said) : error.message);
    this.name = 'ApiCallError';
    this.code = error.code;
    this.said = said;
    this.field = error.field ?? null;
  }
}

/**
 * The error a failed call throws. Its sentence's check (zod) is loaded with the first failure that
 * carries one, not with the window: zod would add a tenth to the script the Queue's first paint runs.
 * Should that script not load (a browser that lost its server), the core's own words still show.
 */
export async function failedCall(error: ApiError): Promise<ApiCallError> {
  if (error.said === undefined) return new ApiCallError(error, null);
  const sentence = await import('../i18n/checkedSaid').then(
    ({ errorSentence }) => errorSentence(error),
    () => null,
  );
  return new ApiCallError(error, sentence);
}

export interface ApiClient {
  call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
}

export function createApiClient(transport: Transport): ApiClient {
  return {
    async call(channel, input) {
      const result = await transport(channel, input);
      if (!result.ok) throw await failedCall(result.error);
      return result.value as never;
    },
  };
}

let client: ApiClient | null = null;

/** The window's client; tests install their own with setApiClient. */
export function api(): ApiClient {
  client ??= createApiClient(detectTransport());
  return client;
}

export function setApiClient(next: ApiClient | null): void {
  client = next;
}
