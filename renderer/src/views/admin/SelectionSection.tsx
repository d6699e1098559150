import { useEffect, useState } from 'react';
import type { SelectionView } from '../../../../shared/api/queue';
import { describeRule, SelectionSettingsSchema, type SelectionRule, type SelectionSettings } from '../../../../shared/domain/selection';
import { api } from '../../api/client';
import { useAppStore } from '../../store';
import { Field } from '../../components/Field';
import { ConditionEditor, blankCondition } from './ConditionEditor';

/** The list with its i-th item changed: every editable row list below is edited this way. */
const replaceAt = <T,>(list: T[], i: number, patch: Partial<T>): T[] => list.map((x, j) => (j === i ? { ...x, ...patch } : x));

export interface SelectionEditorProps {
  view: SelectionView;
  busy: boolean;
  onSave: (settings: SelectionSettings) => void;
}

/** Selection rules, value bands and segment points, edited as one set and saved together. */
export function SelectionEditor({ view, busy, onSave }: SelectionEditorProps) {
  const [rules, setRules] = useState<SelectionRule[]>(view.rules);
  const [bands, setBands] = useState(view.valueBands);
  const [segments, setSegments] = useState(view.segmentPoints);
  const bandNames = bands.map((b) => b.name).filter(Boolean);
  const setRule = (i: number, rule: SelectionRule) => setRules(replaceAt(rules, i, rule));
  // What is wrong, by field ("valueBands.0.name"): shown at the field, never as a notice naming a path.
  const [problems, setProblems] = useState<Map<string, string>>(new Map());
  const problemAt = (path: string) => problems.get(path);
  const invalid = (path: string) => ({
    'aria-invalid': problems.has(path) ? true : undefined,
    'aria-describedby': problems.has(path) ? `problem-${path}` : undefined,
    'data-path': path,
  });
  const problemText = (path: string) =>
    problems.has(path) ? (
      <p id={`problem-${path}`} className="field-error">
        {problemAt(path)}
      </p>
    ) : null;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        const settings = { rules, valueBands: bands, segmentPoints: segments };
        const checked = SelectionSettingsSchema.safeParse(settings);
        if (!checked.success) {
          const found = new Map(checked.error.issues.map((i) => [i.path.join('.'), i.message]));
          setProblems(found);
          const form = e.currentTarget;
          // The first field that needs attention takes the cursor, scrolled into view.
          requestAnimationFrame(() => {
            const first = [...found.keys()].map((p) => form.querySelector<HTMLElement>(`[data-path="${p}"]`)).find((el) => el !== null);
            first?.scrollIntoView?.({ block: 'center' });
            first?.focus();
          });
          if ([...found.keys()].some((p) => form.querySelector(`[data-path="${p}"]`) === null)) {
            setProblems(new Map([...found].map(([p, m]) => [form.querySelector(`[data-path="${p}"]`) ? p : 'form', m])));
          }
          return;
        }
        setProblems(new Map());
        onSave(settings);
      }}
    >
      {problemText('form')}
      <p>
        {view.selected.toLocaleString()} customers are selected now.{' '}
        {rules.some((r) => r.enabled)
          ? 'A customer is queued when any enabled rule matches.'
          : 'With no enabled rule, every departed customer with contact details is queued.'}{' '}
        Deceased, business closed and do-not-contact are never queued.
      </p>
      <h3>Selection rules</h3>
      {rules.map((rule, i) => (
        <fieldset key={i} className="rule">
          <legend>{rule.name || `Rule ${i + 1}`}</legend>
          <Field label="Name">
            {(id) => (
              <>
                <input id={id} value={rule.name} {...invalid(`rules.${i}.name`)} onChange={(e) => setRule(i, { ...rule, name: e.target.value })} maxLength={120} />
                {problemText(`rules.${i}.name`)}
              </>
            )}
          </Field>
          <label className="radio">
            <input type="checkbox" checked={rule.enabled} onChange={(e) => setRule(i, { ...rule, enabled: e.target.checked })} />
            Enabled
          </label>
          {rule.conditions.map((c, j) => (
            <ConditionEditor
              key={j}
              label={`Rule ${i + 1} condition ${j + 1}`}
              condition={c}
              choices={view.choices}
              bandNames={bandNames}
              onChange={(next) => setRule(i, { ...rule, conditions: rule.conditions.map((x, k) => (k === j ? next : x)) })}
              onRemove={() => setRule(i, { ...rule, conditions: rule.conditions.filter((_, k) => k !== j) })}
            />
          ))}
          <p className="muted">
            {rule.conditions.length > 0 ? `Queues customers whose ${describeRule(rule)}.` : 'Add a condition.'}
          </p>
          <div className="row">
            <button
              type="button"
              onClick={() => setRule(i, { ...rule, conditions: [...rule.conditions, blankCondition('monthlyRevenue')] })}
            >
              Add condition
            </button>
            <button type="button" onClick={() => setRules(rules.filter((_, j) => j !== i))}>
              Remove rule
            </button>
          </div>
        </fieldset>
      ))}
      <button
        type="button"
        onClick={() =>
          setRules([
            ...rules,
            { name: `Rule ${rules.length + 1}`, enabled: true, conditions: [blankCondition('monthlyRevenue')] },
          ])
        }
      >
        Add rule
      </button>

      <h3>Value bands</h3>
      <p className="muted">
        A customer is in the highest band whose minimum monthly revenue they reach; its points add to their priority.
      </p>
      {bands.map((b, i) => (
        <div key={i} className="row" role="group" aria-label={`Value band ${i + 1}`}>
          <Field label="Name">
            {(id) => (
              <>
                <input
                  id={id}
                  value={b.name}
                  {...invalid(`valueBands.${i}.name`)}
                  onChange={(e) => setBands(replaceAt(bands, i, { name: e.target.value }))}
                />
                {problemText(`valueBands.${i}.name`)}
              </>
            )}
          </Field>
          <Field label="From monthly revenue">
            {(id) => (
              <input
                id={id}
                type="number"
                min={0}
                value={b.minRevenue}
                onChange={(e) => setBands(replaceAt(bands, i, { minRevenue: Number(e.target.value) }))}
              />
            )}
          </Field>
          <Field label="Priority points">
            {(id) => (
              <input
                id={id}
                type="number"
                value={b.points}
                onChange={(e) => setBands(replaceAt(bands, i, { points: Number(e.target.value) }))}
              />
            )}
          </Field>
          <button type="button" onClick={() => setBands(bands.filter((_, j) => j !== i))}>
            Remove band
          </button>
        </div>
      ))}
      <button type="button" onClick={() => setBands([...bands, { name: '', minRevenue: 0, points: 0 }])}>
        Add value band
      </button>

      <h3>Segment points</h3>
      {segments.map((s, i) => (
        <div key={i} className="row" role="group" aria-label={`Segment points ${i + 1}`}>
          <Field label="Segment">
            {(id) => (
              <select
                id={id}
                value={s.segment}
                onChange={(e) => setSegments(replaceAt(segments, i, { segment: e.target.value }))}
              >
                <option value="">— choose —</option>
                {view.choices.segments.map((seg) => (
                  <option key={seg} value={seg}>
                    {seg}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Priority points">
            {(id) => (
              <input
                id={id}
                type="number"
                value={s.points}
                onChange={(e) => setSegments(replaceAt(segments, i, { points: Number(e.target.value) }))}
              />
            )}
          </Field>
          <button type="button" onClick={() => setSegments(segments.filter((_, j) => j !== i))}>
            Remove segment points
          </button>
        </div>
      ))}
      <button type="button" onClick={() => setSegments([...segments, { segment: '', points: 0 }])}>
        Add segment points
      </button>
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          Save and select
        </button>
      </div>
    </form>
  );
}

export function SelectionSection() {
  const reportError = useAppStore((s) => s.reportError);
  const notify = useAppStore((s) => s.notify);
  const loadQueue = useAppStore((s) => s.loadQueue);
  const [view, setView] = useState<SelectionView | null>(null);
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    api().call('selection.get', {}).then(setView).catch(reportError);
  }, [reportError]);
  return (
    <section aria-labelledby="selection-title" className="admin-section">
      <h2 id="selection-title">Whom to call</h2>
      {view ? (
        <SelectionEditor
          key={version}
          view={view}
          busy={busy}
          onSave={(settings) => {
            setBusy(true);
            api()
              .call('selection.save', settings)
              .then((next) => {
                setView(next);
                setVersion((v) => v + 1);
                notify('info', `Saved: ${next.selected.toLocaleString()} customers are selected for the queue.`);
                void loadQueue();
              })
              .catch(reportError)
              .finally(() => setBusy(false));
          }}
        />
      ) : (
        <p aria-busy="true">Loading…</p>
      )}
    </section>
  );
}
