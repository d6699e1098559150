/**
 * Consent, recorded as said: on a call the agent asks, per channel, whether the customer agrees to
 * hear from the company again, reading the question word for word; the answer is kept with that
 * wording, the time and the agent. The latest answer per channel wins; every earlier one is kept.
 */
export const CONSENT_CHANNELS = ['phone', 'email', 'post'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

export const CONSENT_ANSWERS = ['no_answer', 'yes', 'no'] as const;
export type ConsentAnswer = (typeof CONSENT_ANSWERS)[number];

/** The questions as the agent reads them. A change of wording is a new question: answers keep the words they were given to. */
export const CONSENT_WORDING: Record<ConsentChannel, string> = {
  phone: 'May we call you again from time to time about our services and offers?',
  email: 'May we email you about our services and offers?',
  post: 'May we send you letters about our services and offers?',
};

export const CONSENT_CHANNEL_LABELS: Record<ConsentChannel, string> = { phone: 'Calls', email: 'Emails', post: 'Letters' };
export const CONSENT_ANSWER_LABELS: Record<ConsentAnswer, string> = { no_answer: 'Did not say', yes: 'Yes', no: 'No' };
