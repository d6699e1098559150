/**
 * What the script says at each stage, fitted to the customer (stated reason, tenure, value) and to
 * who calls. Agents get the full wording; executives a condensed line per stage, because their
 * card must fit one screen. The call is not a sales pitch: the wording apologises, listens and
 * helps before any offer.
 *
 * The words are the catalogue's (`content.guidance.*`), so an agent reads the script aloud in their
 * own language: the window passes its translator as `say`; without one the script is English, read
 * from the English catalogue itself so there is one English wording, not two.
 */
import english from '../i18n/messages/en/content.json';
import type { Role } from './roles';
import type { Stage } from './stages';

export interface GuidanceFacts {
  customerName: string | null;
  callerName: string;
  callerRole: Role;
  tenureMonths: number | null;
  monthlyRevenue: number | null;
  statedReasonText: string | null;
  /** The category of the stated reason, when the departure record mapped to one. */
  statedCategoryName: string | null;
  /** What tends to work for the reason the call is about (diagnosed, else stated). */
  approach: string | null;
  /** The reason the call diagnosed, once it has. */
  diagnosedReasonName: string | null;
}

/** A guidance message by its key under `content.guidance`, filled in; plural keys take `count`. */
export type Say = (key: string, params?: Record<string, string | number>) => string;

type Tree = { [key: string]: string | Tree };

/** English from the catalogue: the same {{placeholders}} and `_one`/`_other` plurals i18next reads. */
export const sayInEnglish: Say = (key, params = {}) => {
  const count = params.count;
  const plural = typeof count === 'number' ? `${key}_${new Intl.PluralRules('en').select(count)}` : null;
  const find = (path: string): string | undefined => {
    let node: string | Tree | undefined = english.content.guidance;
    for (const part of path.split('.')) node = typeof node === 'object' ? node[part] : undefined;
    return typeof node === 'string' ? node : undefined;
  };
  const template = (plural !== null ? find(plural) : undefined) ?? find(key);
  if (template === undefined) throw new Error(`No guidance wording ${key}.`);
  return template.replace(/\{\{\s*(\w+)(?:\s*,\s*number)?\s*\}\}/g, (_, name: string) => {
    const value = params[name];
    return typeof value === 'number' ? new Intl.NumberFormat('en').format(value) : (value ?? '');
  });
};

/** Monthly revenue from which a customer counts as high value in the wording. */
export const HIGH_VALUE_MONTHLY = 80;

export function tenurePhrase(months: number | null, say: Say = sayInEnglish): string | null {
  if (months === null || months < 0) return null;
  if (months < 6) return say('tenureSoon');
  if (months < 24) return say('tenureMonths', { count: months });
  return say('tenureYears', { count: Math.floor(months / 12) });
}

function firstName(name: string | null, say: Say): string {
  return name?.trim().split(/\s+/)[0] ?? say('there');
}

export function callGuidance(f: GuidanceFacts, say: Say = sayInEnglish): Record<Stage, string> {
  const exec = f.callerRole === 'executive';
  const tenure = tenurePhrase(f.tenureMonths, say);
  const highValue = f.monthlyRevenue !== null && f.monthlyRevenue >= HIGH_VALUE_MONTHLY;
  const stated = f.statedReasonText ? say('quoted', { text: f.statedReasonText }) : null;
  const hello = { name: firstName(f.customerName, say), caller: f.callerName, ...(tenure ? { tenure } : {}) };
  const sentences = (...parts: (string | null | false)[]) => parts.filter(Boolean).join(' ');

  const apologize = exec
    ? say(tenure ? 'apologize.execTenure' : 'apologize.exec', hello)
    : sentences(
        say(tenure ? 'apologize.agentTenure' : 'apologize.agent', hello),
        say('apologize.notSelling'),
        tenure !== null && (f.tenureMonths ?? 0) >= 24 && say('apologize.longRelationship'),
        highValue && say('apologize.highValue'),
      );

  const listen = exec
    ? stated
      ? say('listen.execStated', { stated })
      : say('listen.exec')
    : sentences(say('listen.agent'), stated ? say('listen.agentStated', { stated }) : say('listen.agentNoStated'));

  const readBack = f.diagnosedReasonName ? say('diagnose.readBack', { reason: f.diagnosedReasonName }) : say('diagnose.readBackBlank');
  const diagnose = exec
    ? say('diagnose.exec', { readBack })
    : sentences(say('diagnose.agent', { readBack }), stated && say('diagnose.agentStated', { stated }));

  const approach = f.approach ? say('assist.approach', { approach: f.approach }) : null;
  const assist = sentences(say(exec ? 'assist.exec' : 'assist.agent'), approach);

  const offer = exec ? say('offer.exec') : sentences(say('offer.agent'), highValue && say('offer.agentHighValue'));

  return { apologize, listen, diagnose, assist, offer };
}
