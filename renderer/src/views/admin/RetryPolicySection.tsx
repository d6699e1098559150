import { said } from '../../../../shared/i18n/said';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { parseCadence, type CadenceProblem, type ContactPolicy } from '../../../../shared/domain/contactPolicy';
import { api } from '../../api/client';
import { useAppStore } from '../../store';

export interface RetryPolicyFormProps {
  policy: ContactPolicy;
  busy: boolean;
  onSave: (p: ContactPolicy) => void;
}

/** A wait in the person's words ("2 h", "1 Tag", "3 días"): the form reads these back (parseCadence knows each language's units). */
function waitWords(t: TFunction, minutes: number): string {
  if (minutes % 1440 === 0) return t('admin.retry.days', { count: minutes / 1440 });
  if (minutes % 60 === 0) return t('admin.retry.hours', { count: minutes / 60 });
  return t('admin.retry.minutes', { count: minutes });
}

function cadenceProblem(t: TFunction, problem: CadenceProblem): string {
  if (problem.kind === 'empty') return t('admin.retry.problem.empty');
  return t(problem.kind === 'notAWait' ? 'admin.retry.problem.notAWait' : 'admin.retry.problem.outOfRange', { part: problem.part });
}

/** The retry cadence after No answer, and whether a call may start outside calling hours with a reason. */
export function RetryPolicyForm({ policy, busy, onSave }: RetryPolicyFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const [cadence, setCadence] = useState(policy.retryCadenceMinutes.map((m) => waitWords(t, m)).join(', '));
  const [override, setOverride] = useState(policy.outsideHoursOverride);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        const parsed = parseCadence(cadence);
        if (!parsed.ok) {
          setProblem(cadenceProblem(t, parsed.problem));
          document.getElementById(`${id}-cadence`)?.focus();
          return;
        }
        onSave({ retryCadenceMinutes: parsed.minutes, outsideHoursOverride: override });
      }}
    >
      <h3 id={`${id}-title`}>{t('admin.retry.title')}</h3>
      <label htmlFor={`${id}-cadence`}>{t('admin.retry.cadence')}</label>
      <input
        id={`${id}-cadence`}
        type="text"
        value={cadence}
        aria-invalid={problem !== null}
        aria-describedby={`${id}-cadence-hint${problem ? ` ${id}-cadence-problem` : ''}`}
        onChange={(e) => {
          setCadence(e.target.value);
          setProblem(null);
        }}
      />
      <p id={`${id}-cadence-hint`} className="hint">
        {t('admin.retry.hint')}
      </p>
      {problem && (
        <p id={`${id}-cadence-problem`} className="field-error">
          {problem}
        </p>
      )}
      <label className="radio">
        <input type="checkbox" checked={override} onChange={(e) => setOverride(e.target.checked)} />
        {t('admin.retry.override')}
      </label>
      <button type="submit" className="primary" disabled={busy}>
        {t('admin.retry.save')}
      </button>
    </form>
  );
}

export function RetryPolicySection() {
  const { t } = useTranslation();
  const reportError = useAppStore((s) => s.reportError);
  const notify = useAppStore((s) => s.notify);
  const loadQueue = useAppStore((s) => s.loadQueue);
  const [policy, setPolicy] = useState<ContactPolicy | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    api().call('contactPolicy.get', {}).then(setPolicy).catch(reportError);
  }, [reportError]);
  if (!policy) return <p aria-busy="true">{t('common.loading')}</p>;
  return (
    <RetryPolicyForm
      key={JSON.stringify(policy)}
      policy={policy}
      busy={busy}
      onSave={(next) => {
        setBusy(true);
        api()
          .call('contactPolicy.save', next)
          .then((saved) => {
            setPolicy(saved);
            notify('info', said('admin.retry.saved'), 'contactPolicy');
            void loadQueue();
          })
          .catch((error: unknown) => reportError(error, 'contactPolicy'))
          .finally(() => setBusy(false));
      }}
    />
  );
}
