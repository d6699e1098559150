import { vi } from 'vitest';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/api';
import type { ApiError } from '../../shared/api/result';
import { failedCall, setApiClient } from '../../renderer/src/api/client';
import { buildEffectReport } from '../../shared/reports/effect';
import { buildOfferEconomics } from '../../shared/reports/offerEconomics';
import { buildHandleTimeReport } from '../../shared/reports/handleTime';

type Answers = { [C in Channel]?: (input: ChannelInput<C>) => ChannelOutput<C> | ApiError };

/**
 * Channels the app frame reads on every screen (the queue's filter choices, the reviews due to the
 * person). A test about something else gets a quiet, empty answer unless it gives its own.
 */
const AMBIENT: Answers = {
  'queue.filters': () => ({ segments: [], categories: [], cycles: [] }),
  'care.dueReviews': () => ({ today: '2026-11-16', items: [] }),
  'call.unfinished': () => [],
  // A manager's empty queue asks whether the console has departed customers at all.
  'cycles.list': () => [],
  'contactPolicy.status': () => ({
    callableNow: true,
    why: null,
    localTime: '10:00',
    timeZone: 'America/New_York',
    zoneNote: null,
    nextTryAt: null,
    overrideAllowed: false,
    openedOutsideHoursBecause: null,
  }),
  // Trends shows a manager whether the calls worked: empty unless a test gives its own.
  'effect.report': () => buildEffectReport([], [], [], null),
  'effect.offers': () => buildOfferEconomics([], [], null),
  'effect.handleTime': () => buildHandleTimeReport([], 0, null),
  'effect.controls': () => [],
  // ...and offers its experiments over the playbook's offers.
  'playbook.list': () => ({ offers: [], rules: [] }),
  // Every signed-in window reads the manager's own reason names: none unless a test gives some.
  'taxonomy.names': () => ({ reasons: [], categories: [] }),
  // Admin's currency section shows the language written to customers beside it.
  'locale.customerLanguage': () => ({ language: 'en', source: 'desk' }),
};

/** Installs an API client that answers from the given functions; an ApiError answer fails the call. */
export function installFakeApi(given: Answers) {
  const answers: Answers = { ...AMBIENT, ...given };
  const calls: [Channel, unknown][] = [];
  const call = vi.fn(async (channel: Channel, input: unknown) => {
    calls.push([channel, input]);
    const answer = answers[channel] as ((i: unknown) => unknown) | undefined;
    if (!answer) throw await failedCall({ code: 'internal', message: `no fake answer for ${channel}` });
    const value = answer(input);
    if (value && typeof value === 'object' && 'code' in value && 'message' in value) throw await failedCall(value as ApiError);
    return Promise.resolve(value);
  });
  setApiClient({ call: call as never });
  return { calls };
}
