import { said } from '../../../../shared/i18n/said';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { TOUCH_KINDS, type AttributionReport, type AttributionRow, type TouchKind } from '../../../../shared/api/keepInTouch';
import { api } from '../../api/client';
import { saveBlob } from '../../lib/download';
import { formatCount, formatMoney } from '../../lib/format';
import { useAppStore } from '../../store';
import { DataTable, type Column } from './DataTable';

const isKind = (key: string): key is TouchKind => (TOUCH_KINDS as readonly string[]).includes(key);

function columns(t: TFunction, touch: string, label: (r: AttributionRow) => string): Column<AttributionRow>[] {
  return [
    { header: touch, csv: label },
    { header: t('keepInTouch.attribution.columns.touched'), csv: (r) => r.touched, cell: (r) => formatCount(r.touched), numeric: true },
    { header: t('keepInTouch.attribution.columns.returns'), csv: (r) => r.returns, cell: (r) => formatCount(r.returns), numeric: true },
    { header: t('keepInTouch.attribution.columns.revenueBack'), csv: (r) => r.revenueBack, cell: (r) => formatMoney(r.revenueBack), numeric: true },
  ];
}

/**
 * Trends, "Did it work": customers who came back within the window after their last touch (an
 * outreach message or a call), by message kind, reason and outreach, beside the customers touched.
 * The window is a manager's setting, changed here.
 */
export function AttributionPanel() {
  const id = useId();
  const reportError = useAppStore((s) => s.reportError);
  const notify = useAppStore((s) => s.notify);
  const { t } = useTranslation();
  const [report, setReport] = useState<AttributionReport | null>(null);
  const [days, setDays] = useState('');
  const load = () =>
    api()
      .call('keepInTouch.attribution', {})
      .then((r) => {
        setReport(r);
        setDays(String(r.windowDays));
      })
      .catch(reportError);
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- loads once; saving the window loads again
  }, []);

  const saveWindow = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const saved = await api().call('keepInTouch.settings.set', { attributionDays: Number(days) });
      notify('info', said('keepInTouch.attribution.windowSaved', { count: saved.attributionDays }));
      await load();
    } catch (error) {
      reportError(error);
    }
  };
  const download = async () => {
    try {
      const file = await api().call('keepInTouch.attribution.export', {});
      saveBlob(file.fileName, new Blob([file.text], { type: 'text/csv;charset=utf-8' }));
    } catch (error) {
      reportError(error);
    }
  };

  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('keepInTouch.attribution.title')}</h2>
      {!report ? (
        <p aria-busy="true">{t('keepInTouch.list.loading')}</p>
      ) : (
        <>
          <p>{t('keepInTouch.attribution.totals', { returns: formatCount(report.totals.returns), touched: formatCount(report.totals.touched), revenue: formatMoney(report.totals.revenueBack), count: report.windowDays })}</p>
          <form className="kit-filters" onSubmit={(e) => void saveWindow(e)}>
            <label htmlFor={`${id}-days`}>
              {t('keepInTouch.attribution.window')}
              <input id={`${id}-days`} type="number" min={1} max={730} value={days} onChange={(e) => setDays(e.target.value)} />
            </label>
            <button type="submit">{t('keepInTouch.attribution.saveWindow')}</button>
            <button type="button" onClick={() => void download()}>
              {t('keepInTouch.attribution.download')}
            </button>
          </form>
          <DataTable
            caption={t('keepInTouch.attribution.byKind')}
            columns={columns(t, t('keepInTouch.attribution.columns.kind'), (r) => (isKind(r.key) ? t(`keepInTouch.attribution.kind.${r.key}`) : r.label))}
            rows={report.byKind}
            rowKey={(r) => r.key}
            empty={t('keepInTouch.attribution.empty')}
          />
          <DataTable
            caption={t('keepInTouch.attribution.byReason')}
            columns={columns(t, t('keepInTouch.groups.reason'), (r) => r.label || t('keepInTouch.groups.noReason'))}
            rows={report.byReason}
            rowKey={(r) => r.key}
            empty={t('keepInTouch.attribution.empty')}
          />
          <DataTable
            caption={t('keepInTouch.attribution.byOutreach')}
            columns={columns(t, t('keepInTouch.attribution.columns.outreach'), (r) => r.label || t('keepInTouch.attribution.noOutreach'))}
            rows={report.byOutreach}
            rowKey={(r) => r.key}
            empty={t('keepInTouch.attribution.empty')}
          />
        </>
      )}
    </section>
  );
}
