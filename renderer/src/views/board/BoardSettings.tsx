import { useEffect, useState } from 'react';
import type { BoardThresholds } from '../../../../shared/api/presence';
import type { PauseReason } from '../../../../shared/sync/board';
import { MAX_PAUSE_REASONS } from '../../../../shared/sync/board';

const STATE_NAMES: [keyof BoardThresholds, string][] = [
  ['idle', 'Idle'],
  ['in_call', 'In a call'],
  ['wrap_up', 'Wrap-up'],
  ['paused', 'Paused'],
];

/** Minutes per state after which a person's row is highlighted. */
export function ThresholdsForm({ value, onSave }: { value: BoardThresholds; onSave: (t: BoardThresholds) => Promise<boolean> }) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  return (
    <form
      className="board-form"
      aria-label="Highlight thresholds"
      onSubmit={(e) => {
        e.preventDefault();
        void onSave(draft);
      }}
    >
      {STATE_NAMES.map(([key, label]) => (
        <label key={key}>
          {label} longer than (minutes)
          <input
            type="number"
            min={1}
            max={1440}
            required
            value={draft[key]}
            onChange={(e) => setDraft({ ...draft, [key]: Math.max(1, Math.round(Number(e.target.value) || 1)) })}
          />
        </label>
      ))}
      <button type="submit">Save thresholds</button>
    </form>
  );
}

/** An id for a new reason from its name: "Team huddle" -> "team-huddle". */
function idFor(label: string, taken: ReadonlySet<string>): string {
  const base = label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 30) || 'reason';
  let id = base;
  for (let n = 2; taken.has(id); n += 1) id = `${base}-${n}`;
  return id;
}

/** The short list people pause with. With a hub, saving sends it to every desk. */
export function PauseReasonsEditor({ value, onSave }: { value: PauseReason[]; onSave: (list: PauseReason[]) => Promise<boolean> }) {
  const [draft, setDraft] = useState(value);
  const [added, setAdded] = useState('');
  useEffect(() => setDraft(value), [value]);
  const add = () => {
    const label = added.trim();
    if (label === '' || draft.length >= MAX_PAUSE_REASONS) return;
    setDraft([...draft, { id: idFor(label, new Set(draft.map((r) => r.id))), label }]);
    setAdded('');
  };
  return (
    <form
      aria-label="Pause reasons"
      onSubmit={(e) => {
        e.preventDefault();
        void onSave(draft);
      }}
    >
      <ul className="pause-reasons">
        {draft.map((r, i) => (
          <li key={r.id}>
            <label className="sr-only" htmlFor={`pause-reason-${r.id}`}>
              Pause reason {i + 1}
            </label>
            <input
              id={`pause-reason-${r.id}`}
              value={r.label}
              maxLength={40}
              onChange={(e) => setDraft(draft.map((d) => (d.id === r.id ? { ...d, label: e.target.value } : d)))}
            />
            <button type="button" aria-label={`Remove ${r.label}`} onClick={() => setDraft(draft.filter((d) => d.id !== r.id))} disabled={draft.length <= 1}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <div className="board-form">
        <label>
          New pause reason
          <input value={added} maxLength={40} onChange={(e) => setAdded(e.target.value)} onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }} />
        </label>
        <button type="button" onClick={add} disabled={added.trim() === '' || draft.length >= MAX_PAUSE_REASONS}>
          Add
        </button>
        <button type="submit">Save pause reasons</button>
      </div>
    </form>
  );
}
