import { inControlGroup } from '../../shared/domain/effect';

/**
 * A cycle whose answer is a worked example from the literature: 70 customers to be called of whom
 * 56 come back, 80 held out of whom 48 come back (Newcombe 1998, Statistics in Medicine 17:873,
 * example (a)): 80% against 60%, a difference of 20 points with the 95% interval 5.24 to 33.39.
 * The ids are the first 70 the hash leaves to be called and the first 80 it holds out at a 50%
 * share in November 2026.
 */
export function newcombeSplit(): { toCall: string[]; control: string[]; returnedToCall: string[]; returnedControl: string[] } {
  const toCall: string[] = [];
  const control: string[] = [];
  for (let i = 1; toCall.length < 70 || control.length < 80; i++) {
    const id = `C${String(i).padStart(4, '0')}`;
    if (inControlGroup('2026-11', id, 50)) {
      if (control.length < 80) control.push(id);
    } else if (toCall.length < 70) toCall.push(id);
  }
  return { toCall, control, returnedToCall: toCall.slice(0, 56), returnedControl: control.slice(0, 48) };
}

/** Every second customer left over price, the others for a competitor. */
export const reasonOf = (id: string): string => (Number(id.slice(1)) % 2 === 0 ? 'price.too-expensive' : 'competitor.better-offer');
/** Every third customer on a one-year contract. */
export const segmentOf = (id: string): string => (Number(id.slice(1)) % 3 === 0 ? 'One year' : 'Month-to-month');
