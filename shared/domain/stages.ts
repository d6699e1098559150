/** The five stages of a recovery call, in the order the call runs them. */
export const STAGES = ['apologize', 'listen', 'diagnose', 'assist', 'offer'] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_LABELS: Record<Stage, string> = {
  apologize: 'Apologize',
  listen: 'Listen',
  diagnose: 'Diagnose',
  assist: 'Assist',
  offer: 'Offer',
};
