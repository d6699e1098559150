import type { Migration } from './types';

/**
 * The desk's presence on the floor board, and pauses with their reasons.
 *
 * - `pause_reasons`: the short list a person picks from when pausing, edited by a manager (and,
 *   with a hub, the floor's list the hub hands every desk). Seeded with the usual call-centre ones.
 * - `pauses`: every pause, with the reason's name as it was when taken (a renamed reason does not
 *   rewrite history); at most one open pause per person. Pause time by agent and reason is read
 *   from here.
 * - `desk_presence`: what each person on this desk is doing, since when: idle, in a call at a
 *   stage with a customer, or wrap-up (an outcome chosen, the call not yet completed). Written only
 *   when that changes, never on every keystroke of a draft.
 */
export const migration013PresencePauses: Migration = {
  version: 13,
  name: 'presence and pauses',
  up: `
CREATE TABLE pause_reasons (
  id TEXT PRIMARY KEY,
  label TEXT NOT NULL,
  position INTEGER NOT NULL
) STRICT;
INSERT INTO pause_reasons (id, label, position) VALUES
  ('break', 'Break', 0),
  ('lunch', 'Lunch', 1),
  ('coaching', 'Coaching', 2),
  ('meeting', 'Team meeting', 3),
  ('admin', 'Admin work', 4),
  ('technical', 'Technical problem', 5);

CREATE TABLE pauses (
  id TEXT PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES people(id),
  reason_id TEXT NOT NULL,
  reason_label TEXT NOT NULL,
  started_at TEXT NOT NULL,
  ended_at TEXT,
  CHECK (ended_at IS NULL OR ended_at >= started_at)
) STRICT;
CREATE UNIQUE INDEX pauses_open_per_person ON pauses(person_id) WHERE ended_at IS NULL;
CREATE INDEX pauses_started ON pauses(started_at);

CREATE TABLE desk_presence (
  person_id TEXT PRIMARY KEY REFERENCES people(id),
  state TEXT NOT NULL CHECK (state IN ('idle', 'in_call', 'wrap_up')),
  customer_id INTEGER REFERENCES customers(id),
  call_id TEXT,
  stage TEXT CHECK (stage IS NULL OR stage IN ('apologize', 'listen', 'diagnose', 'assist', 'offer')),
  since TEXT NOT NULL,
  CHECK ((state = 'idle') = (customer_id IS NULL AND call_id IS NULL)),
  CHECK ((state = 'in_call') = (stage IS NOT NULL))
) STRICT;
`,
};
