import { said } from '../../../shared/i18n/said';
import { useEffect, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { type Member, type OutreachSummary, type Preview } from '../../../shared/api/outreach';
import { OUTCOMES, type Outcome } from '../../../shared/domain/outcomes';
import { api } from '../api/client';
import { base64ToBytes, saveBlob } from '../lib/download';
import { formatCount, formatDate, formatMoney } from '../lib/format';
import { useAppStore } from '../store';
import { sayKept } from '../i18n/said';
import { DataTable, type Column } from './trends/DataTable';
import { OutreachFigures } from './outreach/OutreachFigures';
import { MessagePreview } from './outreach/MessagePreview';
import { leftOut } from './outreach/OutreachFigures';
import './outreach/outreach.css';

const isOutcome = (value: string | null): value is Outcome => (OUTCOMES as readonly string[]).includes(value ?? '');

function memberColumns(t: TFunction, onPreview: (m: Member) => void, onCall: (m: Member) => void): Column<Member>[] {
  const outcome = (m: Member) => (isOutcome(m.callOutcome) ? t(`issues.outcome.${m.callOutcome}`) : (m.callOutcome ?? ''));
  return [
    { header: t('outreach.columns.customer'), csv: (m) => m.name ?? m.externalId },
    { header: t('outreach.columns.revenue'), csv: (m) => m.monthlyRevenue, cell: (m) => formatMoney(m.monthlyRevenue), numeric: true },
    {
      header: t('outreach.columns.message'),
      csv: (m) => (m.messageState ? t(`outreach.messageState.${m.messageState}`) : ''),
      cell: (m) =>
        m.messageState ? (
          <>
            {m.uncertain ? t('outreach.member.sentAgain', { state: t(`outreach.messageState.${m.messageState}`) }) : t(`outreach.messageState.${m.messageState}`)}
            {m.problem ? <span className="muted"> · {sayKept(m.problem, t)}</span> : null}
          </>
        ) : (
          <span className="muted">{t('outreach.member.noMessage')}</span>
        ),
    },
    {
      header: t('outreach.columns.call'),
      csv: (m) => (m.byCall ? (m.callOutcome ? outcome(m) : t('outreach.member.toCall')) : ''),
      cell: (m) =>
        m.byCall ? (
          m.calledAt ? (
            t('outreach.member.calledOn', { outcome: outcome(m), day: formatDate(m.calledAt) })
          ) : (
            <button type="button" onClick={() => onCall(m)} aria-label={t('outreach.member.callNamed', { name: m.name ?? m.externalId })}>
              {t('outreach.member.callNow')}
            </button>
          )
        ) : (
          <span className="muted">{t('outreach.member.noCall')}</span>
        ),
    },
    {
      header: t('outreach.columns.preview'),
      csv: () => '',
      cell: (m) =>
        m.messageState ? (
          <button type="button" onClick={() => onPreview(m)} aria-label={t('outreach.member.previewNamed', { name: m.name ?? m.externalId })}>
            {t('outreach.member.preview')}
          </button>
        ) : null,
    },
  ];
}

function OutreachDetail({ outreach }: { outreach: OutreachSummary }) {
  const members = useAppStore((s) => s.outreachMembers);
  const show = useAppStore((s) => s.showOutreach);
  const reportError = useAppStore((s) => s.reportError);
  const notify = useAppStore((s) => s.notify);
  const startCall = useAppStore((s) => s.startCall);
  const [preview, setPreview] = useState<{ who: string; preview: Preview } | null>(null);
  const [busy, setBusy] = useState(false);
  const { t } = useTranslation();
  const f = outreach.figures;
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(false);
    }
  };
  const exportAs = (format: 'csv' | 'eml') =>
    run(async () => {
      const file = await api().call('outreach.export', { id: outreach.id, format });
      saveBlob(file.fileName, new Blob([base64ToBytes(file.base64)], { type: file.mimeType }));
      notify('info', said('outreach.detail.exported', { count: file.messages, file: file.fileName }));
      show(await api().call('outreach.get', { id: outreach.id }));
    });
  const email = outreach.messageChannel === 'email';
  const writable = f.ready + f.exported;
  const channel = outreach.messageChannel === 'email' || outreach.messageChannel === 'letter' ? outreach.messageChannel : null;
  const channels = outreach.byCall
    ? channel === 'email'
      ? t('outreach.detail.channels.callsAndEmail')
      : channel === 'letter'
        ? t('outreach.detail.channels.callsAndLetter')
        : t('outreach.detail.channels.calls')
    : channel
      ? t(`outreach.detail.channels.${channel}`)
      : '';
  const built = outreach.createdBy ? t('outreach.detail.builtBy', { day: formatDate(outreach.createdAt), name: outreach.createdBy }) : t('outreach.detail.built', { day: formatDate(outreach.createdAt) });
  const facts = [built, channels, outreach.codesValidUntil && f.members > 0 ? t('outreach.detail.codesUntil', { day: formatDate(outreach.codesValidUntil) }) : ''].filter((x) => x !== '');
  return (
    <section className="card outreach-detail" aria-labelledby="outreach-detail-title">
      <h2 id="outreach-detail-title">{outreach.name}</h2>
      {outreach.whatChanged && (
        <p>
          <Trans
            i18nKey={outreach.fixedOn ? 'outreach.detail.whatChangedFixed' : 'outreach.detail.whatChanged'}
            values={{ what: outreach.whatChanged, day: outreach.fixedOn ? formatDate(outreach.fixedOn) : '' }}
            components={[<strong key="what" />]}
          />
        </p>
      )}
      <p className="muted">{facts.join(' · ')}</p>
      <OutreachFigures outreach={outreach} />
      {outreach.excluded.length > 0 && (
        <p className="muted">{leftOut(t, outreach.excluded)}</p>
      )}
      {outreach.messageChannel && (
        <div className="form-actions" role="group" aria-label={t('outreach.detail.deliver')}>
          <button type="button" disabled={busy || writable === 0} onClick={() => void exportAs('csv')}>
            {t('outreach.detail.exportCsv')}
          </button>
          {email && (
            <button type="button" disabled={busy || writable === 0} onClick={() => void exportAs('eml')}>
              {t('outreach.detail.exportEml')}
            </button>
          )}
          {email && (
            <button
              type="button"
              className="primary"
              disabled={busy || f.ready === 0}
              onClick={() =>
                void run(async () => {
                  const sent = await api().call('outreach.send', { id: outreach.id });
                  notify('info', said('outreach.detail.queued', { count: sent.figures.queued }));
                  show(sent);
                })
              }
            >
              {t('outreach.detail.send')}
            </button>
          )}
          <button
            type="button"
            disabled={busy || f.ready + f.blocked === 0}
            onClick={() => void run(async () => show(await api().call('outreach.recompose', { id: outreach.id })))}
          >
            {t('outreach.detail.recompose')}
          </button>
          <button type="button" disabled={busy} onClick={() => void run(async () => show(await api().call('outreach.get', { id: outreach.id })))}>
            {t('outreach.detail.refresh')}
          </button>
        </div>
      )}
      {preview && (
        <section aria-label={t('outreach.detail.messageTo', { name: preview.who })}>
          <h3>{t('outreach.detail.messageTo', { name: preview.who })}</h3>
          <MessagePreview preview={preview.preview} />
        </section>
      )}
      <DataTable
        caption={t('outreach.detail.membersCaption', { count: members.total })}
        columns={memberColumns(
          t,
          (m) =>
            void run(async () => setPreview({ who: m.name ?? m.externalId, preview: await api().call('outreach.message', { id: outreach.id, customerId: m.customerId }) })),
          (m) => void startCall(m.customerId),
        )}
        rows={members.items}
        rowKey={(m) => String(m.customerId)}
      />
    </section>
  );
}

/** Outreaches: "we fixed it" messages and calls, what each has delivered, and who came back. */
export function OutreachView() {
  const outreaches = useAppStore((s) => s.outreaches);
  const selected = useAppStore((s) => s.selectedOutreach);
  const load = useAppStore((s) => s.loadOutreaches);
  const open = useAppStore((s) => s.openOutreach);
  const { t } = useTranslation();
  useEffect(() => {
    void load();
  }, [load]);
  const columns: Column<OutreachSummary>[] = [
    {
      header: t('outreach.columns.outreach'),
      csv: (o) => o.name,
      cell: (o) => (
        <button type="button" className="link-button" onClick={() => void open(o.id)}>
          {o.name}
        </button>
      ),
    },
    { header: t('outreach.columns.built'), csv: (o) => o.createdAt, cell: (o) => formatDate(o.createdAt) },
    { header: t('outreach.columns.customers'), csv: (o) => o.figures.members, cell: (o) => formatCount(o.figures.members), numeric: true },
    { header: t('outreach.columns.told'), csv: (o) => o.figures.told, cell: (o) => formatCount(o.figures.told), numeric: true },
    { header: t('outreach.columns.cameBack'), csv: (o) => o.figures.cameBack, cell: (o) => formatCount(o.figures.cameBack), numeric: true },
    { header: t('outreach.columns.revenueBack'), csv: (o) => o.figures.revenueBack, cell: (o) => formatMoney(o.figures.revenueBack), numeric: true },
  ];
  return (
    <div className="outreach">
      <header className="trends-head">
        <h1>{t('outreach.title')}</h1>
      </header>
      <p className="muted">{t('outreach.intro')}</p>
      <DataTable caption={t('outreach.listCaption')} columns={columns} rows={outreaches} rowKey={(o) => o.id} empty={t('outreach.listEmpty')} />
      {selected && <OutreachDetail key={selected.id} outreach={selected} />}
    </div>
  );
}

