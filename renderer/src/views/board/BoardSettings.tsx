import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardThresholds } from '../../../../shared/api/presence';
import type { PauseReason } from '../../../../shared/sync/board';
import { MAX_PAUSE_REASONS } from '../../../../shared/sync/board';

const THRESHOLD_STATES: (keyof BoardThresholds)[] = ['idle', 'in_call', 'wrap_up', 'paused'];

/** Minutes per state after which a person's row is highlighted. */
export function ThresholdsForm({ value, onSave }: { value: BoardThresholds; onSave: (t: BoardThresholds) => Promise<boolean> }) {
  const [draft, setDraft] = useState(value);
  const { t } = useTranslation();
  useEffect(() => setDraft(value), [value]);
  return (
    <form
      className="board-form"
      aria-label={t('board.thresholds.label')}
      onSubmit={(e) => {
        e.preventDefault();
        void onSave(draft);
      }}
    >
      {THRESHOLD_STATES.map((key) => (
        <label key={key}>
          {t('board.thresholds.longerThan', { state: t(`board.state.${key}`) })}
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
      <button type="submit">{t('board.thresholds.save')}</button>
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
  const { t } = useTranslation();
  useEffect(() => setDraft(value), [value]);
  const add = () => {
    const label = added.trim();
    if (label === '' || draft.length >= MAX_PAUSE_REASONS) return;
    setDraft([...draft, { id: idFor(label, new Set(draft.map((r) => r.id))), label }]);
    setAdded('');
  };
  return (
    <form
      aria-label={t('board.reasons.label')}
      onSubmit={(e) => {
        e.preventDefault();
        void onSave(draft);
      }}
    >
      <ul className="pause-reasons">
        {draft.map((r, i) => (
          <li key={r.id}>
            <label className="sr-only" htmlFor={`pause-reason-${r.id}`}>
              {t('board.reasons.nth', { n: i + 1 })}
            </label>
            <input
              id={`pause-reason-${r.id}`}
              value={r.label}
              maxLength={40}
              onChange={(e) => setDraft(draft.map((d) => (d.id === r.id ? { ...d, label: e.target.value } : d)))}
            />
            <button type="button" aria-label={t('board.reasons.removeNamed', { name: r.label })} onClick={() => setDraft(draft.filter((d) => d.id !== r.id))} disabled={draft.length <= 1}>
              {t('board.reasons.remove')}
            </button>
          </li>
        ))}
      </ul>
      <div className="board-form">
        <label>
          {t('board.reasons.new')}
          <input value={added} maxLength={40} onChange={(e) => setAdded(e.target.value)} onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }} />
        </label>
        <button type="button" onClick={add} disabled={added.trim() === '' || draft.length >= MAX_PAUSE_REASONS}>
          {t('board.reasons.add')}
        </button>
        <button type="submit">{t('board.reasons.save')}</button>
      </div>
    </form>
  );
}
