import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { formatCount } from '../../lib/format';
import type { SelectionView } from '../../../../shared/api/queue';
import { categoryName } from '../../i18n/content';
import {
  NUMBER_FIELDS,
  NUMBER_OPS,
  TEXT_FIELDS,
  TEXT_OPS,
  type RuleCondition,
  type RuleField,
  type SelectionRule,
} from '../../../../shared/domain/selection';

const isNumberField = (f: RuleField): f is (typeof NUMBER_FIELDS)[number] => (NUMBER_FIELDS as readonly string[]).includes(f);

/**
 * A comparison as a person reads it: a number's symbol (>=, <) is the same in every language; a
 * text's "is" / "is not" is said in the person's.
 */
export function opWords(t: TFunction, op: string): string {
  if (op === 'is') return t('admin.condition.op.is');
  if (op === 'is not') return t('admin.condition.op.isNot');
  return op;
}

/** A category by its id, by the name the person reads (the shipped ones translated). */
function categoryLabel(t: TFunction, categories: { id: string; name: string }[], id: string): string {
  const category = categories.find((k) => k.id === id);
  return category ? categoryName(t, category.id, category.name) : id;
}

/** "monthly revenue >= 50 and segment is Two year", in the person's language. */
export function ruleWords(t: TFunction, rule: SelectionRule, categories: { id: string; name: string }[]): string {
  return rule.conditions
    .map((c) => {
      const value = typeof c.value === 'number' ? formatCount(c.value) : c.field === 'reasonCategory' ? categoryLabel(t, categories, c.value) : c.value;
      return t('admin.condition.words', { field: t(`admin.condition.fields.${c.field}`), op: opWords(t, c.op), value });
    })
    .join(t('admin.condition.and'));
}

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
  const { t } = useTranslation();
  return (
    <select
      aria-label={t('admin.condition.comparison', { label })}
      value={condition.op}
      onChange={(e) => onChange({ ...condition, op: e.target.value } as RuleCondition)}
    >
      {ops.map((op) => (
        <option key={op} value={op}>
          {opWords(t, op)}
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
  const { t } = useTranslation();
  const values: { value: string; label: string }[] =
    condition.field === 'segment'
      ? choices.segments.map((s) => ({ value: s, label: s }))
      : condition.field === 'product'
        ? choices.products.map((s) => ({ value: s, label: s }))
        : condition.field === 'valueBand'
          ? bandNames.map((s) => ({ value: s, label: s }))
          : choices.categories.map((c) => ({ value: c.id, label: categoryName(t, c.id, c.name) }));
  return (
    <div className="condition" role="group" aria-label={label}>
      <select
        aria-label={t('admin.condition.field', { label })}
        value={condition.field}
        onChange={(e) => onChange(blankCondition(e.target.value as RuleField))}
      >
        {[...NUMBER_FIELDS, ...TEXT_FIELDS].map((f) => (
          <option key={f} value={f}>
            {t(`admin.condition.fields.${f}`)}
          </option>
        ))}
      </select>
      {typeof condition.value === 'number' ? (
        <>
          <ComparisonSelect label={label} ops={NUMBER_OPS} condition={condition} onChange={onChange} />
          <input
            aria-label={t('admin.condition.value', { label })}
            type="number"
            value={condition.value}
            onChange={(e) => onChange({ ...condition, value: Number(e.target.value) } as RuleCondition)}
          />
        </>
      ) : (
        <>
          <ComparisonSelect label={label} ops={TEXT_OPS} condition={condition} onChange={onChange} />
          <select
            aria-label={t('admin.condition.value', { label })}
            value={condition.value}
            onChange={(e) => onChange({ ...condition, value: e.target.value } as RuleCondition)}
          >
            <option value="">{t('admin.choose')}</option>
            {values.map((v) => (
              <option key={v.value} value={v.value}>
                {v.label}
              </option>
            ))}
          </select>
        </>
      )}
      <button type="button" onClick={onRemove} aria-label={t('admin.condition.removeLabel', { label })}>
        {t('admin.condition.remove')}
      </button>
    </div>
  );
}
