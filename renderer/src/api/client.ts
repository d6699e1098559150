import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/api';
import type { ApiError } from '../../../shared/api/result';
import { detectTransport, type Transport } from './transport';
import { errorWords } from '../i18n/said';

/** A failed backend call, carrying the message the person should read, in the window's language. */
export class ApiCallError extends Error {
  readonly code: ApiError['code'];
  constructor(error: ApiError) {
    super(errorWords(error));
    this.name = 'ApiCallError';
    this.code = error.code;
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
