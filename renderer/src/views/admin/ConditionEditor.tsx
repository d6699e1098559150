import type { SelectionView } from '../../../../shared/api/queue';
import {
  NUMBER_FIELDS,
  NUMBER_OPS,
  RULE_FIELD_LABELS,
  TEXT_FIELDS,
  TEXT_OPS,
  type RuleCondition,
  type RuleField,
} from '../../../../shared/domain/selection';

const isNumberField = (f: RuleField): f is (typeof NUMBER_FIELDS)[number] => (NUMBER_FIELDS as readonly string[]).includes(f);

export function blankCondition(field: RuleField): RuleCondition {
  return isNumberField(field) ? { field, op: '>=', value: 0 } : { field, op: 'is', value: '' };
}

/** The comparison of a condition; the choices depend on whether the field is a number or a text. */
function ComparisonSelect({
  label,
  ops,
  condition,
  onChange,
}: {
  label: string;
  ops: readonly string[];
  condition: RuleCondition;
  onChange: (c: RuleCondition) => void;
}) {
  return (
    <select
      aria-label={`${label}: comparison`}
      value={condition.op}
      onChange={(e) => onChange({ ...condition, op: e.target.value } as RuleCondition)}
    >
      {ops.map((op) => (
        <option key={op} value={op}>
          {op}
        </option>
      ))}
    </select>
  );
}

interface ConditionEditorProps {
  condition: RuleCondition;
  label: string;
  choices: SelectionView['choices'];
  bandNames: string[];
  onChange: (c: RuleCondition) => void;
  onRemove: () => void;
}

/** One condition of a selection rule: a field, a comparison and a value fitting the field. */
export function ConditionEditor({ condition, label, choices, bandNames, onChange, onRemove }: ConditionEditorProps) {
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
          <ComparisonSelect label={label} ops={NUMBER_OPS} condition={condition} onChange={onChange} />
          <input
            aria-label={`${label}: value`}
            type="number"
            value={condition.value}
            onChange={(e) => onChange({ ...condition, value: Number(e.target.value) } as RuleCondition)}
          />
        </>
      ) : (
        <>
          <ComparisonSelect label={label} ops={TEXT_OPS} condition={condition} onChange={onChange} />
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
