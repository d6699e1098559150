/** How a recovery call ended. The words follow the domain glossary. */
export const OUTCOMES = [
  'recovered',
  'considering',
  'declined',
  'callback',
  'no_answer',
  'wrong_number',
  'do_not_contact',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const OUTCOME_LABELS: Record<Outcome, string> = {
  recovered: 'Recovered',
  considering: 'Considering',
  declined: 'Declined',
  callback: 'Callback',
  no_answer: 'No answer',
  wrong_number: 'Wrong number',
  do_not_contact: 'Do not contact',
};

/** Outcomes that can be recorded from any stage, without walking through the rest of the call. */
export const EARLY_OUTCOMES: readonly Outcome[] = ['no_answer', 'wrong_number'];
