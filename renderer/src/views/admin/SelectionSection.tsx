import { useEffect, useState } from 'react';
import type { SelectionView } from '../../../../shared/api/queue';
import {
  NUMBER_FIELDS,
  NUMBER_OPS,
  RULE_FIELD_LABELS,
  TEXT_FIELDS,
  TEXT_OPS,
  describeRule,
  type RuleCondition,
  type RuleField,
  type SelectionRule,
  type SelectionSettings,
} from '../../../../shared/domain/selection';
import { api } from '../../api/client';
import { useAppStore } from '../../store';
import { Field } from '../../components/Field';

const isNumberField = (f: RuleField): f is (typeof NUMBER_FIELDS)[number] => (NUMBER_FIELDS as readonly string[]).includes(f);

function blankCondition(field: RuleField): RuleCondition {
  return isNumberField(field) ? { field, op: '>=', value: 0 } : { field, op: 'is', value: '' };
}

interface ConditionEditorProps {
  condition: RuleCondition;
  label: string;
  choices: SelectionView['choices'];
  bandNames: string[];
  onChange: (c: RuleCondition) => void;
  onRemove: () => void;
}

function ConditionEditor({ condition, label, choices, bandNames, onChange, onRemove }: ConditionEditorProps) {
  const values: { value: string; label: string }[] =
    condition.field === 'segment'
      ? choices.segments.map((s) => ({ value: s, label: s }))
      : condition.field === 'product'
        ? choices.products.map((s) => ({ value: s, label: s }))
        : condition.field === 'valueBand'
          ? bandNames.map((s) => ({ value: s, label: s }))
          : choices.categories.map((c) => ({ value: c.id, label: c.name }));
  return (
    <div className="condition" role="group" aria-label={label}>
      <select
        aria-label={`${label}: field`}
        value={condition.field}
        onChange={(e) => onChange(blankCondition(e.target.value as RuleField))}
      >
        {[...NUMBER_FIELDS, ...TEXT_FIELDS].map((f) => (
          <option key={f} value={f}>
            {RULE_FIELD_LABELS[f]}
          </option>
        ))}
      </select>
      {typeof condition.value === 'number' ? (
        <>
          <select
            aria-label={`${label}: comparison`}
            value={condition.op}
            onChange={(e) => onChange({ ...condition, op: e.target.value as (typeof NUMBER_OPS)[number] } as RuleCondition)}
          >
            {NUMBER_OPS.map((op) => (
              <option key={op} value={op}>
                {op}
              </option>
            ))}
          </select>
          <input
            aria-label={`${label}: value`}
            type="number"
            value={condition.value}
            onChange={(e) => onChange({ ...condition, value: Number(e.target.value) } as RuleCondition)}
          />
        </>
      ) : (
        <>
          <select
            aria-label={`${label}: comparison`}
            value={condition.op}
            onChange={(e) => onChange({ ...condition, op: e.target.value as (typeof TEXT_OPS)[number] } as RuleCondition)}
          >
            {TEXT_OPS.map((op) => (
              <option key={op} value={op}>
                {op}
              </option>
            ))}
          </select>
          <select
            aria-label={`${label}: value`}
            value={condition.value}
            onChange={(e) => onChange({ ...condition, value: e.target.value } as RuleCondition)}
          >
            <option value="">— choose —</option>
            {values.map((v) => (
              <option key={v.value} value={v.value}>
                {v.label}
              </option>
            ))}
          </select>
        </>
      )}
      <button type="button" onClick={onRemove} aria-label={`Remove ${label.toLowerCase()}`}>
        Remove
      </button>
    </div>
  );
}

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
  const setRule = (i: number, rule: SelectionRule) => setRules(rules.map((r, j) => (j === i ? rule : r)));
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSave({ rules, valueBands: bands, segmentPoints: segments });
      }}
    >
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
              <input id={id} value={rule.name} onChange={(e) => setRule(i, { ...rule, name: e.target.value })} maxLength={120} />
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
              <input
                id={id}
                value={b.name}
                onChange={(e) => setBands(bands.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))}
              />
            )}
          </Field>
          <Field label="From monthly revenue">
            {(id) => (
              <input
                id={id}
                type="number"
                min={0}
                value={b.minRevenue}
                onChange={(e) => setBands(bands.map((x, j) => (j === i ? { ...x, minRevenue: Number(e.target.value) } : x)))}
              />
            )}
          </Field>
          <Field label="Priority points">
            {(id) => (
              <input
                id={id}
                type="number"
                value={b.points}
                onChange={(e) => setBands(bands.map((x, j) => (j === i ? { ...x, points: Number(e.target.value) } : x)))}
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
                onChange={(e) => setSegments(segments.map((x, j) => (j === i ? { ...x, segment: e.target.value } : x)))}
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
                onChange={(e) => setSegments(segments.map((x, j) => (j === i ? { ...x, points: Number(e.target.value) } : x)))}
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
