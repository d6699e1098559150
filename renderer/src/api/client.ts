import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/api';
import type { ApiError } from '../../../shared/api/result';
import { detectTransport, type Transport } from './transport';
import { errorSentence, errorWords } from '../i18n/said';
import type { Said } from '../../../shared/i18n/said';

/**
 * A failed backend call, carrying the message the person should read, in the window's language, and
 * the sentence by key (when the core sent one this window can say) so a notice can say it again in
 * another language later; `field` is the input the sentence is about.
 */
export class ApiCallError extends Error {
  readonly code: ApiError['code'];
  readonly said: Said | null;
  readonly field: string | null;
  constructor(error: ApiError) {
    super(errorWords(error));
    this.name = 'ApiCallError';
    this.code = error.code;
    this.said = errorSentence(error);
    this.field = error.field ?? null;
  }
}

export interface ApiClient {
  call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
}

export function createApiClient(transport: Transport): ApiClient {
  return {
    async call(channel, input) {
      const result = await transport(channel, input);
      if (!result.ok) throw new ApiCallError(result.error);
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
