/**
 * What the script says at each stage, fitted to the customer (stated reason, tenure, value) and to
 * who calls. Agents get the full wording; executives a condensed line per stage, because their
 * card must fit one screen. The call is not a sales pitch: the wording apologises, listens and
 * helps before any offer.
 */
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

/** Monthly revenue from which a customer counts as high value in the wording. */
export const HIGH_VALUE_MONTHLY = 80;

export function tenurePhrase(months: number | null): string | null {
  if (months === null || months < 0) return null;
  if (months < 6) return 'so soon after you joined us';
  if (months < 24) return `after ${months} months with us`;
  const years = Math.floor(months / 12);
  return `after ${years} years with us`;
}

function firstName(name: string | null): string {
  return name?.trim().split(/\s+/)[0] ?? 'there';
}

export function callGuidance(f: GuidanceFacts): Record<Stage, string> {
  const exec = f.callerRole === 'executive';
  const tenure = tenurePhrase(f.tenureMonths);
  const highValue = f.monthlyRevenue !== null && f.monthlyRevenue >= HIGH_VALUE_MONTHLY;
  const stated = f.statedReasonText ? `"${f.statedReasonText}"` : null;
  const who = exec ? `${f.callerName}; I lead part of the company and I wanted to call you myself` : `${f.callerName}`;

  const apologize = exec
    ? `"Hello ${firstName(f.customerName)}, this is ${who}. I'm sorry you left us${tenure ? ` ${tenure}` : ''}, and I'd like to understand why."`
    : [
        `"Hello ${firstName(f.customerName)}, this is ${who}. I'm calling because you left us${tenure ? ` ${tenure}` : ''}, and I'm sorry we let you down.`,
        `I'm not calling to sell you anything; I'd like to hear what happened."`,
        tenure && (f.tenureMonths ?? 0) >= 24 ? 'A long relationship: thank them for the years with you.' : null,
        highValue ? 'A high-value customer: take your time, nothing is rushed.' : null,
      ]
        .filter(Boolean)
        .join(' ');

  const listen = exec
    ? `Let them tell it.${stated ? ` They said at departure: ${stated}.` : ''} Note their words.`
    : [
        'Ask what happened and let them finish without interrupting. Type their words as they say them.',
        stated
          ? `At departure they said ${stated}; ask about it openly, without putting words in their mouth.`
          : 'There is no stated reason on record: the call is how the company finds out.',
      ].join(' ');

  const readBack = f.diagnosedReasonName
    ? `"If I understood you, the main reason you left was: ${f.diagnosedReasonName}. Is that right?"`
    : '"If I understood you, the main reason you left was … Is that right?"';
  const diagnose = exec
    ? `Name the reason back: ${readBack}`
    : `Pick the reason that fits their words, then read it back: ${readBack} Tick "Customer confirmed the reason" only when they say yes.${
        stated ? ` It may differ from what they stated at departure (${stated}); the call's answer is the one that counts.` : ''
      }`;

  const approach = f.approach ? ` What tends to help: ${f.approach}` : '';
  const assist = exec
    ? `Fix what you can now, or say who will and by when.${approach}`
    : `Help first: fix what can be fixed now (billing, a ticket, an escalation, a walkthrough), and say exactly what you did.${approach}`;

  const offer = exec
    ? 'An offer is a way back, not a pitch: one that fits the reason, and a no is fine.'
    : `An offer is a way back, not a pitch. Propose one that fits the reason they confirmed, explain it plainly, and accept a no gracefully.${
        highValue ? ' For a customer of this value, the best offer on the list is appropriate.' : ''
      }`;

  return { apologize, listen, diagnose, assist, offer };
}
