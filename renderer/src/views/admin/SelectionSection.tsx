import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SelectionView } from '../../../../shared/api/queue';
import { SelectionSettingsSchema, type SelectionRule, type SelectionSettings } from '../../../../shared/domain/selection';
import { api } from '../../api/client';
import { useAppStore } from '../../store';
import { Field } from '../../components/Field';
import { ConditionEditor, blankCondition, ruleWords } from './ConditionEditor';
import { formatCount } from '../../lib/format';
import { say } from '../../i18n/said';
import { issueSentence } from '../../i18n/checkedSaid';
import { said, type Said } from '../../../../shared/i18n/said';

/** The list with its i-th item changed: every editable row list below is edited this way. */
const replaceAt = <T,>(list: T[], i: number, patch: Partial<T>): T[] => list.map((x, j) => (j === i ? { ...x, ...patch } : x));

export interface SelectionEditorProps {
  view: SelectionView;
  busy: boolean;
  onSave: (settings: SelectionSettings) => void;
}

/** Selection rules, value bands and segment points, edited as one set and saved together. */
export function SelectionEditor({ view, busy, onSave }: SelectionEditorProps) {
  const { t } = useTranslation();
  const [rules, setRules] = useState<SelectionRule[]>(view.rules);
  const [bands, setBands] = useState(view.valueBands);
  const [segments, setSegments] = useState(view.segmentPoints);
  const bandNames = bands.map((b) => b.name).filter(Boolean);
  const setRule = (i: number, rule: SelectionRule) => setRules(replaceAt(rules, i, rule));
  // What is wrong, by field ("valueBands.0.name"): shown at the field, never as a notice naming a path.
  const [problems, setProblems] = useState<Map<string, Said>>(new Map());
  const problemAt = (path: string) => {
    const problem = problems.get(path);
    return problem ? say(problem, t) : undefined;
  };
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
          const found = new Map(checked.error.issues.map((i) => [i.path.join('.'), issueSentence(i)]));
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
        {t('admin.selection.selected', { count: view.selected, total: formatCount(view.selected) })}{' '}
        {rules.some((r) => r.enabled) ? t('admin.selection.anyRule') : t('admin.selection.noRule')} {t('admin.selection.never')}
      </p>
      <h3>{t('admin.selection.rules')}</h3>
      {rules.map((rule, i) => (
        <fieldset key={i} className="rule">
          <legend>{rule.name || t('admin.selection.rule', { n: i + 1 })}</legend>
          <Field label={t('admin.selection.name')}>
            {(id) => (
              <>
                <input id={id} value={rule.name} {...invalid(`rules.${i}.name`)} onChange={(e) => setRule(i, { ...rule, name: e.target.value })} maxLength={120} />
                {problemText(`rules.${i}.name`)}
              </>
            )}
          </Field>
          <label className="radio">
            <input type="checkbox" checked={rule.enabled} onChange={(e) => setRule(i, { ...rule, enabled: e.target.checked })} />
            {t('admin.selection.enabled')}
          </label>
          {rule.conditions.map((c, j) => (
            <ConditionEditor
              key={j}
              label={t('admin.selection.condition', { rule: i + 1, n: j + 1 })}
              condition={c}
              choices={view.choices}
              bandNames={bandNames}
              onChange={(next) => setRule(i, { ...rule, conditions: rule.conditions.map((x, k) => (k === j ? next : x)) })}
              onRemove={() => setRule(i, { ...rule, conditions: rule.conditions.filter((_, k) => k !== j) })}
            />
          ))}
          <p className="muted">
            {rule.conditions.length > 0 ? t('admin.selection.queues', { rule: ruleWords(t, rule, view.choices.categories) }) : t('admin.selection.addConditionHint')}
          </p>
          <div className="row">
            <button
              type="button"
              onClick={() => setRule(i, { ...rule, conditions: [...rule.conditions, blankCondition('monthlyRevenue')] })}
            >
              {t('admin.selection.addCondition')}
            </button>
            <button type="button" onClick={() => setRules(rules.filter((_, j) => j !== i))}>
              {t('admin.selection.removeRule')}
            </button>
          </div>
        </fieldset>
      ))}
      <button
        type="button"
        onClick={() =>
          setRules([
            ...rules,
            { name: t('admin.selection.rule', { n: rules.length + 1 }), enabled: true, conditions: [blankCondition('monthlyRevenue')] },
          ])
        }
      >
        {t('admin.selection.addRule')}
      </button>

      <h3>{t('admin.selection.bands')}</h3>
      <p className="muted">{t('admin.selection.bandsHint')}</p>
      {bands.map((b, i) => (
        <div key={i} className="row" role="group" aria-label={t('admin.selection.band', { n: i + 1 })}>
          <Field label={t('admin.selection.name')}>
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
          <Field label={t('admin.selection.fromRevenue')}>
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
          <Field label={t('admin.selection.points')}>
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
            {t('admin.selection.removeBand')}
          </button>
        </div>
      ))}
      <button type="button" onClick={() => setBands([...bands, { name: '', minRevenue: 0, points: 0 }])}>
        {t('admin.selection.addBand')}
      </button>

      <h3>{t('admin.selection.segmentPoints')}</h3>
      {segments.map((s, i) => (
        <div key={i} className="row" role="group" aria-label={t('admin.selection.segmentPointsN', { n: i + 1 })}>
          <Field label={t('admin.selection.segment')}>
            {(id) => (
              <select
                id={id}
                value={s.segment}
                onChange={(e) => setSegments(replaceAt(segments, i, { segment: e.target.value }))}
              >
                <option value="">{t('admin.choose')}</option>
                {view.choices.segments.map((seg) => (
                  <option key={seg} value={seg}>
                    {seg}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('admin.selection.points')}>
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
            {t('admin.selection.removeSegment')}
          </button>
        </div>
      ))}
      <button type="button" onClick={() => setSegments([...segments, { segment: '', points: 0 }])}>
        {t('admin.selection.addSegment')}
      </button>
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          {t('admin.selection.save')}
        </button>
      </div>
    </form>
  );
}

export function SelectionSection() {
  const { t } = useTranslation();
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
      <h2 id="selection-title">{t('admin.sections.selection')}</h2>
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
                notify('info', said('admin.selection.saved', { count: next.selected, total: next.selected }));
                void loadQueue();
              })
              .catch(reportError)
              .finally(() => setBusy(false));
          }}
        />
      ) : (
        <p aria-busy="true">{t('common.loading')}</p>
      )}
    </section>
  );
}
