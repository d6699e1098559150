import './care/care.css';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CareItem } from '../../../shared/api/care';
import type { Person } from '../../../shared/api/session';
import { api } from '../api/client';
import { formatCount } from '../lib/format';
import { useAppStore } from '../store';
import { effectiveScope, type CareScope } from '../store/careSlice';
import { CareTable } from './care/CareTable';
import { RelostTable } from './care/RelostTable';
import { ReviewForm } from './care/ReviewForm';
import { DepartedForm } from './care/DepartedForm';
import { RetentionPanel } from './care/RetentionPanel';
import { IndicatorUpload } from './care/IndicatorUpload';
import { IntervalSetting } from './care/IntervalSetting';

function ReviewPanel() {
  const openId = useAppStore((s) => s.careOpenId);
  const detail = useAppStore((s) => s.careDetail);
  const busy = useAppStore((s) => s.careBusy);
  const completeReview = useAppStore((s) => s.completeReview);
  const closeReview = useAppStore((s) => s.closeReview);
  const { t } = useTranslation();
  if (openId === null) return null;
  if (!detail) return <p aria-busy="true">{t('care.panel.opening')}</p>;
  if (detail.status !== 'active') {
    return (
      <div className="care-panel" role="status">
        <p>{t('care.panel.notActive', { name: detail.name ?? detail.externalId })}</p>
        <button type="button" onClick={closeReview}>
          {t('care.panel.close')}
        </button>
      </div>
    );
  }
  return (
    <div className="care-panel">
      <ReviewForm key={detail.enrolmentId} detail={detail} busy={busy} onSubmit={(input) => void completeReview(input)} onCancel={closeReview} />
    </div>
  );
}

/** Intensive care for customers who came back: who is followed, their reviews, re-losses and how recoveries hold. */
export function CareView() {
  const list = useAppStore((s) => s.careList);
  const loading = useAppStore((s) => s.careLoading);
  const role = useAppStore((s) => s.session?.user?.role);
  const scope = useAppStore((s) => effectiveScope(s.careScope, s.session?.user?.role));
  const setScope = useAppStore((s) => s.setCareScope);
  const loadCare = useAppStore((s) => s.loadCare);
  const openReview = useAppStore((s) => s.openReview);
  const reassign = useAppStore((s) => s.reassignCareOwner);
  const markDeparted = useAppStore((s) => s.markDepartedAgain);
  const reportError = useAppStore((s) => s.reportError);
  const [people, setPeople] = useState<Person[]>([]);
  const [departing, setDeparting] = useState<CareItem | null>(null);
  const [busy, setBusy] = useState(false);
  const isManager = role === 'manager';
  const { t } = useTranslation();

  useEffect(() => {
    void loadCare();
  }, [loadCare]);
  useEffect(() => {
    if (isManager) api().call('people.list', {}).then(setPeople).catch(reportError);
  }, [isManager, reportError]);

  const items = list?.items ?? [];
  const overdue = items.filter((i) => i.reviewState === 'overdue').length;
  const due = items.filter((i) => i.reviewState === 'due').length;

  return (
    <section className="care" aria-labelledby="care-title">
      <div className="care-head">
        <h1 id="care-title">{t('care.title')}</h1>
        <p className="muted" aria-live="polite">
          {loading && !list
            ? t('common.loading')
            : t('care.summary', {
                followed: t('care.followed', { count: items.length }),
                overdue: formatCount(overdue),
                due: formatCount(due),
                interval: t('care.interval', { count: list?.intervalMonths ?? 6 }),
              })}
        </p>
        <fieldset className="care-scope">
          <legend>{t('care.scope.legend')}</legend>
          {(['mine', 'all'] as CareScope[]).map((s) => (
            <label key={s} className="radio">
              <input type="radio" name="care-scope" checked={scope === s} onChange={() => setScope(s)} />
              {s === 'mine' ? t('care.scope.mine') : t('care.scope.all')}
            </label>
          ))}
        </fieldset>
      </div>
      <ReviewPanel />
      {departing && list && (
        <div className="care-panel">
          <DepartedForm
            key={departing.enrolmentId}
            item={departing}
            today={list.today}
            busy={busy}
            onCancel={() => setDeparting(null)}
            onConfirm={(day, note) => {
              setBusy(true);
              void markDeparted(departing.enrolmentId, day, note).then((ok) => {
                setBusy(false);
                if (ok) setDeparting(null);
              });
            }}
          />
        </div>
      )}
      {list && (
        <CareTable
          items={items}
          today={list.today}
          people={isManager ? people : undefined}
          onOpen={(id) => void openReview(id)}
          onReassign={isManager ? (id, ownerId) => void reassign(id, ownerId) : undefined}
          onMarkDeparted={isManager ? setDeparting : undefined}
        />
      )}
      {list && <RelostTable items={list.relost} />}
      <RetentionPanel version={list} />
      {isManager && (
        <div className="care-panel">
          <IndicatorUpload onImported={() => void loadCare()} />
          <IntervalSetting onSaved={() => void loadCare()} />
        </div>
      )}
    </section>
  );
}
