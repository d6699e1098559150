import type { CallState } from '../../../../shared/domain/callMachine';

/** How a stage changes the open call: a pure update of its state, saved as a draft by the store. */
export type ChangeCall = (change: (s: CallState) => CallState) => void;
