import { AppError, type ApiResult, type ErrorCode } from '../../shared/api/result';
import { contract, isChannel } from '../../shared/api';
import type { ChannelDef } from '../../shared/api/channel';
import type { Handlers, ServiceDeps, SetupCallContext } from './types';
import { handlers as defaultHandlers } from './handlers';
import { currentUser } from './session/handlers';
import { unknownChannelMessage } from './unknownChannel';
import { plainFault } from '../../db/faults';
import { hasSentence, inLanguage } from './i18n';
import { issuePath, issueSaid } from '../../shared/i18n/validation';
import { say } from './i18n/said';
import { said, type Said } from '../../shared/i18n/said';
import { languageOf } from './locale/settings';

export type Dispatch = (channel: unknown, payload: unknown) => Promise<ApiResult<unknown>>;

/**
 * The single entry point both transports use: reject unknown channels, check who may call it,
 * parse the payload with the channel's schema, run the handler, and turn every failure into a
 * typed error. The renderer is treated as untrusted: schemas check shape, handlers check meaning.
 * Everything the call says to the person is in that person's language (electron/backend/i18n.ts).
 */
export function createDispatcher(deps: ServiceDeps, handlers: Handlers = defaultHandlers): Dispatch {
  return async (channel, payload) => {
    if (!isChannel(channel)) {
      return fail('unknown_channel', unknownChannelMessage(channel));
    }
    const def: ChannelDef = contract[channel];
    let language: string | null = null;
    try {
      language = languageOf(deps.db, currentUser(deps.db)?.id ?? null);
    } catch {
      // The call below meets the same failure and reports it; English says so meanwhile.
    }
    return inLanguage(language, () => answer(channel, def, payload));
  };

  async function answer(channel: keyof typeof contract, def: ChannelDef, payload: unknown): Promise<ApiResult<unknown>> {
    try {
      const user = currentUser(deps.db);
      if (!def.setup) {
        if (user === null) return failWith('not_set_up', said('errors.dispatch.notSetUp'));
        if (def.roles && !def.roles.includes(user.role)) {
          return failWith('forbidden', said('errors.dispatch.forbidden', { roles: def.roles.join(' / '), role: user.role }));
        }
      }
      const parsed = def.input.safeParse(payload ?? {});
      if (!parsed.success) {
        // The first problem only, named by the field's label in the person's language: one fix at a time reads best.
        const issue = parsed.error.issues[0];
        if (!issue) return failWith('invalid_input', said('errors.dispatch.invalidInput'));
        return failWith('invalid_input', issueSaid(issue, hasSentence), issuePath(issue) || undefined);
      }
      // Past the check above, `user` is a Person on every channel but the first-run ones.
      const handler = handlers[channel] as (d: ServiceDeps, i: unknown, c: SetupCallContext) => unknown;
      const value = await handler(deps, parsed.data, { user });
      return { ok: true, value };
    } catch (error) {
      // The person's language from the key; an error made without one keeps its English message.
      if (error instanceof AppError) return error.said ? failWith(error.code, error.said) : fail(error.code, error.message);
      deps.log.error('channel failed', { channel, error: error instanceof Error ? `${error.name}: ${error.message}` : 'unknown' });
      // A full disk or a read-only file is the machine's fault, said plainly, not "something went wrong".
      const fault = plainFault(error);
      if (fault) return fail('internal', fault.message);
      return failWith('internal', said('errors.dispatch.internal'));
    }
  }
}

function fail(code: ErrorCode, message: string): ApiResult<never> {
  return { ok: false, error: { code, message } };
}

/** An error said in the caller's language, with its key so the window can say it again in its own. */
function failWith(code: ErrorCode, sentence: Said, field?: string): ApiResult<never> {
  return { ok: false, error: { code, message: say(sentence), said: sentence, ...(field !== undefined ? { field } : {}) } };
}
