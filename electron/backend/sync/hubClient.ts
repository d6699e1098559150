import { SaidError } from '../../../shared/i18n/english';
import { said, type Said } from '../../../shared/i18n/said';
import { PullPermissionsResponse, PushPermissionsResponse, type PushPermissionsRequest } from '../../../shared/sync/permissionsHubApi';
import type { z } from 'zod';
import { ReasonsReport, ReasonsReportFilters } from '../../../shared/reports/reasons';
import {
  AssignmentsResponse,
  HubErrorBody,
  HubIdentity,
  IngestResponse,
  PublishAssignmentsResponse,
  type PublishAssignmentsRequest,
} from '../../../shared/sync/hubApi';
import type { EventEnvelope } from '../../../shared/sync/events';
import { Board, PauseReasonsResponse, PresenceAck, type PauseReason, type PresenceReport } from '../../../shared/sync/board';
import { PauseReport, type PauseReportFilters } from '../../../shared/reports/pauses';

/** How a request to the hub failed, with words a person understands and whether waiting may help. */
export type HubFailure = 'offline' | 'timeout' | 'unauthorized' | 'forbidden' | 'too_large' | 'rate_limited' | 'server' | 'invalid' | 'protocol';

export class HubRequestError extends SaidError {
  constructor(
    readonly failure: HubFailure,
    sentence: Said,
    readonly retryAfterMs: number | null = null,
  ) {
    super(sentence);
    this.name = 'HubRequestError';
  }

  /** The hub was reached and answered (so the console is online, even if the answer was no). */
  get hubAnswered(): boolean {
    return this.failure !== 'offline' && this.failure !== 'timeout';
  }
}

export const DEFAULT_HUB_TIMEOUT_MS = 30_000;

/** A batch of events already written as the request body (JSON), so it can be prepared ahead of sending. */
export class EncodedEvents {
  readonly json: string;
  constructor(events: readonly EventEnvelope[]) {
    this.json = JSON.stringify({ events });
  }
}

function seconds(ms: number): number {
  return Math.max(1, Math.round(ms / 1000));
}

export interface HubClientOptions {
  url: string;
  token: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Aborts every request in flight (the console is shutting down). */
  signal?: AbortSignal;
}

export interface HubClient {
  readonly host: string;
  me: () => Promise<HubIdentity>;
  postEvents: (events: readonly EventEnvelope[] | EncodedEvents) => Promise<IngestResponse>;
  assignments: () => Promise<AssignmentsResponse>;
  publishAssignments: (request: PublishAssignmentsRequest) => Promise<PublishAssignmentsResponse>;
  reasonsReport: (filters: ReasonsReportFilters) => Promise<ReasonsReport>;
  presence: (report: PresenceReport) => Promise<PresenceAck>;
  board: () => Promise<Board>;
  publishPauseReasons: (pauseReasons: readonly PauseReason[]) => Promise<PauseReasonsResponse>;
  pauseReport: (filters: PauseReportFilters) => Promise<PauseReport>;
  pushPermissions: (request: PushPermissionsRequest) => Promise<PushPermissionsResponse>;
  pullPermissions: (after: number) => Promise<PullPermissionsResponse>;
}

/** The hub's base address with a trailing slash, so a hub behind a proxy path keeps its prefix. */
export function hubBase(url: string): URL {
  const base = new URL(url);
  if (!base.pathname.endsWith('/')) base.pathname = `${base.pathname}/`;
  base.search = '';
  base.hash = '';
  return base;
}

function retryAfter(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

/** The hub's own words for a refusal: another program's text, said as written inside the console's sentence. */
async function hubMessage(response: Response): Promise<Said | null> {
  try {
    const body = HubErrorBody.safeParse(await response.json());
    return body.success ? said('errors.hub.request.hubSays', { message: body.data.error.message }) : null;
  } catch {
    return null;
  }
}

export function createHubClient(options: HubClientOptions): HubClient {
  const base = hubBase(options.url);
  const host = base.host;
  const timeoutMs = options.timeoutMs ?? DEFAULT_HUB_TIMEOUT_MS;
  const doFetch = options.fetch ?? fetch;

  async function request<S extends z.ZodType>(method: 'GET' | 'POST' | 'PUT', path: string, schema: S, body?: unknown): Promise<z.output<S>> {
    const payload = body === undefined ? undefined : body instanceof EncodedEvents ? body.json : JSON.stringify(body);
    const target = new URL(path, base);
    let response: Response;
    try {
      response = await doFetch(target, {
        method,
        headers: {
          authorization: `Bearer ${options.token}`,
          accept: 'application/json',
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: payload,
        signal: options.signal ? AbortSignal.any([AbortSignal.timeout(timeoutMs), options.signal]) : AbortSignal.timeout(timeoutMs),
        redirect: 'error',
      });
    } catch (error) {
      const name = error instanceof Error ? error.name : '';
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new HubRequestError('timeout', said('errors.hub.request.timeout', { host, count: seconds(timeoutMs) }));
      }
      throw new HubRequestError('offline', said('errors.hub.request.offline', { host }));
    }
    if (!response.ok) {
      const hubSays = await hubMessage(response);
      switch (response.status) {
        case 401:
          throw new HubRequestError('unauthorized', said('errors.hub.request.unauthorized'));
        case 403:
          throw new HubRequestError('forbidden', hubSays ?? said('errors.hub.request.forbidden'));
        case 413:
          throw new HubRequestError('too_large', hubSays ?? said('errors.hub.request.tooLarge'));
        case 429: {
          const wait = retryAfter(response.headers.get('retry-after'));
          throw new HubRequestError('rate_limited', wait !== null ? said('errors.hub.request.rateLimitedFor', { count: seconds(wait) }) : said('errors.hub.request.rateLimited'), wait);
        }
        case 400:
          throw new HubRequestError('invalid', hubSays ?? said('errors.hub.request.unreadable'));
        default:
          if (response.status >= 500) throw new HubRequestError('server', said('errors.hub.request.server', { host, status: String(response.status) }));
          throw new HubRequestError('protocol', said('errors.hub.request.status', { host, status: String(response.status) }));
      }
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch (error) {
      const name = error instanceof Error ? error.name : '';
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new HubRequestError('timeout', said('errors.hub.request.midReply', { host }));
      }
      throw new HubRequestError('protocol', said('errors.hub.request.cutOff', { host }));
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new HubRequestError('protocol', said('errors.hub.request.notUnderstood', { host }));
    return parsed.data;
  }

  return {
    host,
    me: () => request('GET', 'v1/me', HubIdentity),
    postEvents: (events) => request('POST', 'v1/events', IngestResponse, events instanceof EncodedEvents ? events : { events }),
    assignments: () => request('GET', 'v1/assignments', AssignmentsResponse),
    publishAssignments: (body) => request('POST', 'v1/assignments', PublishAssignmentsResponse, body),
    reasonsReport: (filters) => {
      const parsed = ReasonsReportFilters.parse(filters);
      const query = new URLSearchParams();
      for (const [key, value] of Object.entries(parsed)) if (value !== undefined) query.set(key, String(value));
      return request('GET', `v1/trends?${query.toString()}`, ReasonsReport);
    },
    presence: (report) => request('POST', 'v1/presence', PresenceAck, report),
    board: () => request('GET', 'v1/board', Board),
    publishPauseReasons: (pauseReasons) => request('PUT', 'v1/pause-reasons', PauseReasonsResponse, { pauseReasons }),
    pauseReport: (filters) => request('GET', `v1/reports/pauses?${new URLSearchParams({ from: filters.from, to: filters.to }).toString()}`, PauseReport),
    pushPermissions: (body) => request('POST', 'v1/permissions/changes', PushPermissionsResponse, body),
    pullPermissions: (after) => request('GET', `v1/permissions/changes?after=${after}`, PullPermissionsResponse),
  };
}

/** The org-wide reasons report from a hub, for a manager's token (the reports CLI's --hub). */
export function fetchHubReasonsReport(url: string, token: string, filters: ReasonsReportFilters, options: { timeoutMs?: number } = {}): Promise<ReasonsReport> {
  return createHubClient({ url, token, ...options }).reasonsReport(filters);
}
