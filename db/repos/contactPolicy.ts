import type { Db } from '../open';
import { getSetting, setSetting } from './settings';
import { DEFAULT_CONTACT_POLICY, type ContactPolicy } from '../../shared/domain/contactPolicy';

const KEYS = { retryCadence: 'contact.retryCadenceMinutes', outsideHoursOverride: 'contact.outsideHoursOverride' } as const;

export function readContactPolicy(db: Db): ContactPolicy {
  return {
    retryCadenceMinutes: getSetting<number[]>(db, KEYS.retryCadence) ?? DEFAULT_CONTACT_POLICY.retryCadenceMinutes,
    outsideHoursOverride: getSetting<boolean>(db, KEYS.outsideHoursOverride) ?? DEFAULT_CONTACT_POLICY.outsideHoursOverride,
  };
}

export function writeContactPolicy(db: Db, p: ContactPolicy): void {
  setSetting(db, KEYS.retryCadence, p.retryCadenceMinutes);
  setSetting(db, KEYS.outsideHoursOverride, p.outsideHoursOverride);
}
