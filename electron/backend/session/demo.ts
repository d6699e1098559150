import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Person } from '../../../shared/api/session';
import { cycleFor } from '../../../shared/domain/cycles';
import { normalizeReasonText } from '../../../shared/domain/taxonomy';
import { countCustomers, prepareCustomerUpsert } from '../../../db/repos/customers';
import { upsertCycle } from '../../../db/repos/cycles';
import { findPersonByName, insertPerson } from '../../../db/repos/people';
import { setSetting, SETTING_KEYS } from '../../../db/repos/settings';
import { loadReasonPhrases } from '../../../db/repos/taxonomy';
import { audit } from '../../../db/repos/audit';
import type { ServiceDeps } from '../types';
import { appError } from '../i18n/errors';

export const DEMO_FILE = 'telco-customer-churn.csv';

/** The demo's colleagues: plainly fictional. */
export const DEMO_PEOPLE: { name: string; role: Person['role'] }[] = [
  { name: 'Alex Agent (demo)', role: 'agent' },
  { name: 'Sam Agent (demo)', role: 'agent' },
  { name: 'Robin Agent (demo)', role: 'agent' },
  { name: 'Morgan Executive (demo)', role: 'executive' },
];

const FIRST = ['Ada', 'Bruno', 'Chioma', 'Dmitri', 'Elif', 'Farid', 'Greta', 'Hiro', 'Ines', 'Jonas', 'Kavya', 'Lars', 'Mei', 'Nadia', 'Omar', 'Priya', 'Quinn', 'Rosa', 'Soren', 'Tomas', 'Uma', 'Viktor', 'Wen', 'Yara', 'Zeno'];
const LAST = ['Example', 'Sample', 'Placeholder', 'Fictitious', 'Demoson', 'Testa', 'Madeup', 'Notreal', 'Imaginary', 'Pretend', 'Mockley', 'Samplewood', 'Fakeford'];
const TEAMS = ['Support North', 'Support South', 'Billing desk', 'Field service'];
const REPS = ['Rep Avery (demo)', 'Rep Blake (demo)', 'Rep Casey (demo)', 'Rep Devon (demo)', 'Rep Emery (demo)', 'Rep Finley (demo)'];

interface TelcoRow {
  CustomerID: string;
  'Churn Label': string;
  'Monthly Charges': string;
  'Tenure Months': string;
  Contract: string;
  'Internet Service': string;
  'Churn Reason': string;
}

/**
 * Loads the departed customers of the public telecom sample with generated, plainly fictional names
 * and phone numbers from the 555-01xx range reserved for fiction, in the current monthly cycle.
 * Only into an empty console: the demo must never mix with real customers.
 */
export function loadDemo(deps: ServiceDeps, user: Person | null): { customers: number; cycle: string } {
  const { db } = deps;
  if (countCustomers(db) > 0) {
    throw appError('conflict', 'session.demoNotEmpty');
  }
  const rows = parse<TelcoRow>(readFileSync(join(deps.dataDir, DEMO_FILE)), { columns: true, bom: true });
  const nowDate = deps.now();
  const now = nowDate.toISOString();
  const cycle = cycleFor(nowDate, 'monthly');
  const phrases = loadReasonPhrases(db);
  let loaded = 0;
  db.transaction(() => {
    upsertCycle(db, cycle, now);
    for (const p of DEMO_PEOPLE) {
      if (!findPersonByName(db, p.name, p.role)) insertPerson(db, { id: randomUUID(), ...p }, now);
    }
    const upsert = prepareCustomerUpsert(db);
    rows.forEach((row, i) => {
      if (row['Churn Label'] !== 'Yes') return;
      const reasonText = row['Churn Reason'] || null;
      upsert(
        {
          externalId: row.CustomerID,
          name: `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`,
          company: null,
          phone: `+1 555-01${String(i % 100).padStart(2, '0')}`,
          email: null,
          timezone: 'America/Los_Angeles',
          segment: row.Contract,
          product: row['Internet Service'],
          monthlyRevenue: Number(row['Monthly Charges']),
          tenureMonths: Number(row['Tenure Months']),
          departedAt: cycle.startsOn,
          lastActivityAt: null,
          statedReasonText: reasonText,
          statedReasonId: reasonText ? (phrases.get(normalizeReasonText(reasonText)) ?? null) : null,
          frontlineRep: REPS[i % REPS.length] ?? null,
          frontlineTeam: TEAMS[i % TEAMS.length] ?? null,
          notes: null,
          cycleId: cycle.id,
        },
        now,
      );
      loaded += 1;
    });
    setSetting(db, SETTING_KEYS.demo, true);
    // The demo is tried at any hour, so the calling-hours rule is off; the console says so in a banner.
    setSetting(db, SETTING_KEYS.callingHoursEnforced, false);
    audit(db, { at: now, actorId: user?.id ?? null, action: 'demo.load', entity: 'customers', detail: { loaded } });
  })();
  deps.log.info('demo loaded', { customers: loaded });
  return { customers: loaded, cycle: cycle.name };
}
