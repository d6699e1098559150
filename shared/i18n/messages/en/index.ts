// One file per area of the console: each area's strings change without touching another's.
import common from './common.json';

export const en = { ...common };
