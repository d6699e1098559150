import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { STAGES } from '../../../../shared/domain/stages';
import { Field } from '../../components/Field';
import { formatCount } from '../../lib/format';
import { blankDraft, blankVariant, checkDraft, MAX_VARIANTS, MIN_VARIANTS, type ExperimentDraft, type ExperimentKind, type Problem, type RunningNow, type StartInput, type VariantDraft } from './experimentDraft';
import './experiments.css';

export interface ExperimentFormProps {
  /** Offers a variant may propose: the playbook's, retired ones left out. */
  offers: readonly { id: string; name: string }[];
  running: RunningNow;
  busy: boolean;
  /** Resolves true once the experiment has started, and the form clears itself for the next one. */
  onStart: (start: StartInput) => Promise<boolean>;
  /** Closes the form without starting anything; the form takes the cursor when it can be closed. */
  onClose?: (() => void) | undefined;
}

/**
 * The form behind a button: Trends is long already, and most visits read the experiments rather
 * than start one. Opened, it takes the cursor; once an experiment has started it closes, and the new
 * experiment shows above it.
 */
export function ExperimentStarter(props: Omit<ExperimentFormProps, 'onClose'>) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  // The cursor goes back to the button once it is drawn again: after React's commit, not on a
  // timer that a busy machine can run before the button is back in the page.
  const returnFocus = useRef(false);
  useEffect(() => {
    if (open || !returnFocus.current) return;
    returnFocus.current = false;
    opener.current?.focus();
  }, [open]);
  const close = () => {
    returnFocus.current = true;
    setOpen(false);
  };
  if (!open) {
    return (
      <button ref={opener} type="button" className="no-print" aria-expanded={false} onClick={() => setOpen(true)}>
        {t('trends.experiments.form.open')}
      </button>
    );
  }
  return (
    <ExperimentForm
      {...props}
      onClose={close}
      onStart={async (start) => {
        const started = await props.onStart(start);
        if (started) close();
        return started;
      }}
    />
  );
}

/**
 * "Start an experiment": two or more wordings of a call stage, or two or more offers in place of
 * the one the rules propose, each with a weight. What is wrong is said at its field.
 */
export function ExperimentForm({ offers, running, busy, onStart, onClose }: ExperimentFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const opened = onClose !== undefined;
  useEffect(() => {
    if (opened) formRef.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
  }, [opened]);
  const [draft, setDraft] = useState<ExperimentDraft>(() => blankDraft('guidance'));
  const [problems, setProblems] = useState<Map<string, Problem>>(new Map());
  const guidance = draft.kind === 'guidance';

  const edit = (patch: Partial<ExperimentDraft>, cleared: string[]) => {
    setDraft((d) => ({ ...d, ...patch }));
    if (cleared.some((p) => problems.has(p))) setProblems((m) => new Map([...m].filter(([p]) => !cleared.includes(p))));
  };
  const editVariant = (i: number, patch: Partial<VariantDraft>) =>
    edit(
      { variants: draft.variants.map((v, j) => (j === i ? { ...v, ...patch } : v)) },
      Object.keys(patch).map((k) => `variants.${i}.${k}`),
    );
  const removeVariant = (i: number) => {
    setDraft((d) => ({ ...d, variants: d.variants.filter((_, j) => j !== i) }));
    // The rows below move up a place, so their problems no longer point at the right field.
    setProblems(new Map());
  };

  const words = ({ key, values: v = {} }: Problem) =>
    t(`trends.experiments.problem.${key}`, { max: formatCount(v.max ?? 0), min: formatCount(v.min ?? 0), name: v.name ?? '', label: v.label ?? '' });
  const invalid = (path: string) => ({
    'aria-invalid': problems.has(path) ? true : undefined,
    'aria-describedby': problems.has(path) ? `${id}-${path}-problem` : undefined,
    'data-path': path,
  });
  const problemAt = (path: string): ReactNode => {
    const p = problems.get(path);
    return p ? (
      <p id={`${id}-${path}-problem`} className="field-error">
        {words(p)}
      </p>
    ) : null;
  };

  return (
    <form
      ref={formRef}
      className="experiment-form no-print"
      aria-labelledby={`${id}-title`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const checked = checkDraft(draft, running);
        if (!checked.ok) {
          setProblems(checked.problems);
          // The first field that needs attention takes the cursor.
          requestAnimationFrame(() => {
            const first = [...checked.problems.keys()].map((p) => form.querySelector<HTMLElement>(`[data-path="${p}"]`)).find((el) => el !== null);
            first?.scrollIntoView?.({ block: 'center' });
            first?.focus();
          });
          return;
        }
        setProblems(new Map());
        void onStart(checked.value).then((started) => {
          if (started) setDraft(blankDraft(draft.kind));
        });
      }}
    >
      <h4 id={`${id}-title`}>{t('trends.experiments.form.title')}</h4>
      {problemAt('form')}
      {problemAt('variants')}
      <fieldset className="experiment-kind">
        <legend>{t('trends.experiments.form.kind')}</legend>
        {(['guidance', 'offer'] as const satisfies readonly ExperimentKind[]).map((kind) => (
          <label key={kind} className="radio">
            <input
              type="radio"
              name={`${id}-kind`}
              checked={draft.kind === kind}
              onChange={() => {
                setDraft(blankDraft(kind));
                setProblems(new Map());
              }}
            />
            {t(kind === 'guidance' ? 'trends.experiments.form.kindGuidance' : 'trends.experiments.form.kindOffer')}
          </label>
        ))}
      </fieldset>
      <div className="experiment-row">
        <Field label={t('trends.experiments.form.name')}>
          {(fid) => (
            <>
              <input id={fid} value={draft.name} maxLength={240} {...invalid('name')} onChange={(e) => edit({ name: e.target.value }, ['name'])} />
              {problemAt('name')}
            </>
          )}
        </Field>
        {guidance ? (
          <Field label={t('trends.experiments.form.stage')}>
            {(fid) => (
              <>
                <select id={fid} value={draft.stage} {...invalid('stage')} onChange={(e) => edit({ stage: e.target.value as ExperimentDraft['stage'] }, ['stage'])}>
                  <option value="">{t('trends.experiments.form.chooseStage')}</option>
                  {STAGES.map((s) => (
                    <option key={s} value={s}>
                      {t(`trends.handle.stage.${s}`)}
                    </option>
                  ))}
                </select>
                {problemAt('stage')}
              </>
            )}
          </Field>
        ) : (
          <Field label={t('trends.experiments.form.baseOffer')}>
            {(fid) => (
              <>
                <select id={fid} value={draft.baseOfferId} {...invalid('baseOfferId')} onChange={(e) => edit({ baseOfferId: e.target.value }, ['baseOfferId'])}>
                  <option value="">{t('trends.experiments.form.chooseOffer')}</option>
                  {offers.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.name}
                    </option>
                  ))}
                </select>
                {problemAt('baseOfferId')}
              </>
            )}
          </Field>
        )}
      </div>
      <p className="muted">{t('trends.experiments.form.weightsHint')}</p>
      {guidance && (
        <p id={`${id}-text-hint`} className="muted">
          {t('trends.experiments.form.textHint')}
        </p>
      )}
      {draft.variants.map((v, i) => (
        <fieldset key={i} className="experiment-variant">
          <legend>{t('trends.experiments.form.variant', { n: i + 1 })}</legend>
          <div className="experiment-row">
            {guidance ? (
              <Field label={t('trends.experiments.form.label')}>
                {(fid) => (
                  <>
                    <input id={fid} value={v.label} maxLength={80} {...invalid(`variants.${i}.label`)} onChange={(e) => editVariant(i, { label: e.target.value })} />
                    {problemAt(`variants.${i}.label`)}
                  </>
                )}
              </Field>
            ) : (
              <Field label={t('trends.experiments.form.offer')}>
                {(fid) => (
                  <>
                    <select id={fid} value={v.offerId} {...invalid(`variants.${i}.offerId`)} onChange={(e) => editVariant(i, { offerId: e.target.value })}>
                      <option value="">{t('trends.experiments.form.chooseOffer')}</option>
                      {offers.map((o) => (
                        <option key={o.id} value={o.id}>
                          {o.name}
                        </option>
                      ))}
                    </select>
                    {problemAt(`variants.${i}.offerId`)}
                  </>
                )}
              </Field>
            )}
            <Field label={t('trends.experiments.form.weight')}>
              {(fid) => (
                <>
                  <input id={fid} inputMode="decimal" className="experiment-weight" value={v.weight} {...invalid(`variants.${i}.weight`)} onChange={(e) => editVariant(i, { weight: e.target.value })} />
                  {problemAt(`variants.${i}.weight`)}
                </>
              )}
            </Field>
          </div>
          {guidance && (
            <Field label={t('trends.experiments.form.text')}>
              {(fid) => (
                <>
                  <textarea
                    id={fid}
                    rows={2}
                    value={v.text}
                    {...invalid(`variants.${i}.text`)}
                    aria-describedby={[`${id}-text-hint`, problems.has(`variants.${i}.text`) ? `${id}-variants.${i}.text-problem` : ''].join(' ').trim()}
                    onChange={(e) => editVariant(i, { text: e.target.value })}
                  />
                  {problemAt(`variants.${i}.text`)}
                </>
              )}
            </Field>
          )}
          <button type="button" disabled={draft.variants.length <= MIN_VARIANTS} onClick={() => removeVariant(i)}>
            {t('trends.experiments.form.remove', { n: i + 1 })}
          </button>
        </fieldset>
      ))}
      <div className="experiment-row">
        <button type="button" disabled={draft.variants.length >= MAX_VARIANTS} onClick={() => setDraft((d) => ({ ...d, variants: [...d.variants, blankVariant()] }))}>
          {t('trends.experiments.form.add')}
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {t('trends.experiments.form.start')}
        </button>
        {onClose && (
          <button type="button" onClick={onClose}>
            {t('trends.experiments.form.close')}
          </button>
        )}
      </div>
    </form>
  );
}
