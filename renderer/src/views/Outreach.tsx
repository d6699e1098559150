import { useEffect, useState } from 'react';
import { MESSAGE_STATE_LABELS, type Member, type OutreachSummary, type Preview } from '../../../shared/api/outreach';
import { OUTCOME_LABELS, type Outcome } from '../../../shared/domain/outcomes';
import { api } from '../api/client';
import { base64ToBytes, saveBlob } from '../lib/download';
import { formatDate, formatMoney } from '../lib/format';
import { useAppStore } from '../store';
import { DataTable, type Column } from './trends/DataTable';
import { OutreachFigures } from './outreach/OutreachFigures';
import { MessagePreview } from './outreach/MessagePreview';
import './outreach/outreach.css';

function memberColumns(onPreview: (m: Member) => void, onCall: (m: Member) => void): Column<Member>[] {
  return [
    { header: 'Customer', csv: (m) => m.name ?? m.externalId },
    { header: 'Monthly revenue', csv: (m) => m.monthlyRevenue, cell: (m) => formatMoney(m.monthlyRevenue), numeric: true },
    {
      header: 'Message',
      csv: (m) => (m.messageState ? MESSAGE_STATE_LABELS[m.messageState] : ''),
      cell: (m) =>
        m.messageState ? (
          <>
            {MESSAGE_STATE_LABELS[m.messageState]}
            {m.uncertain ? ' (sent again after an interruption)' : ''}
            {m.problem ? <span className="muted"> · {m.problem}</span> : null}
          </>
        ) : (
          <span className="muted">none</span>
        ),
    },
    {
      header: 'Call',
      csv: (m) => (m.byCall ? (m.callOutcome ?? 'to call') : ''),
      cell: (m) =>
        m.byCall ? (
          m.calledAt ? (
            `${OUTCOME_LABELS[m.callOutcome as Outcome] ?? m.callOutcome ?? ''} on ${formatDate(m.calledAt)}`
          ) : (
            <button type="button" onClick={() => onCall(m)} aria-label={`Call ${m.name ?? m.externalId}`}>
              Call now
            </button>
          )
        ) : (
          <span className="muted">no call</span>
        ),
    },
    {
      header: 'Preview',
      csv: () => '',
      cell: (m) =>
        m.messageState ? (
          <button type="button" onClick={() => onPreview(m)} aria-label={`Preview the message to ${m.name ?? m.externalId}`}>
            Preview
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
      notify('info', `Exported ${file.messages} message${file.messages === 1 ? '' : 's'} to ${file.fileName}. The console will not send these itself.`);
      show(await api().call('outreach.get', { id: outreach.id }));
    });
  const email = outreach.messageChannel === 'email';
  const writable = f.ready + f.exported;
  return (
    <section className="card outreach-detail" aria-labelledby="outreach-detail-title">
      <h2 id="outreach-detail-title">{outreach.name}</h2>
      {outreach.whatChanged && (
        <p>
          <strong>What changed:</strong> {outreach.whatChanged} {outreach.fixedOn ? `(fixed ${formatDate(outreach.fixedOn)})` : ''}
        </p>
      )}
      <p className="muted">
        Built {formatDate(outreach.createdAt)}
        {outreach.createdBy ? ` by ${outreach.createdBy}` : ''} · {outreach.byCall ? 'calls' : ''}
        {outreach.byCall && outreach.messageChannel ? ' and ' : ''}
        {outreach.messageChannel === 'email' ? 'emails' : outreach.messageChannel === 'letter' ? 'letters' : ''}
        {outreach.codesValidUntil && f.members > 0 ? ` · codes valid until ${formatDate(outreach.codesValidUntil)}` : ''}
      </p>
      <OutreachFigures outreach={outreach} />
      {outreach.excluded.length > 0 && (
        <p className="muted">Left out: {outreach.excluded.map((e) => `${e.customers} ${e.why.toLowerCase()}`).join('; ')}.</p>
      )}
      {outreach.messageChannel && (
        <div className="form-actions" role="group" aria-label="Deliver the messages">
          <button type="button" disabled={busy || writable === 0} onClick={() => void exportAs('csv')}>
            Export mail-merge file (CSV)
          </button>
          {email && (
            <button type="button" disabled={busy || writable === 0} onClick={() => void exportAs('eml')}>
              Export .eml files (zip)
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
                  notify('info', `${sent.figures.queued} email${sent.figures.queued === 1 ? '' : 's'} queued for the relay; they go out at the set rate.`);
                  show(sent);
                })
              }
            >
              Send through the relay
            </button>
          )}
          <button
            type="button"
            disabled={busy || f.ready + f.blocked === 0}
            onClick={() => void run(async () => show(await api().call('outreach.recompose', { id: outreach.id })))}
          >
            Write again with the current templates
          </button>
          <button type="button" disabled={busy} onClick={() => void run(async () => show(await api().call('outreach.get', { id: outreach.id })))}>
            Refresh
          </button>
        </div>
      )}
      {preview && (
        <section aria-label={`Message to ${preview.who}`}>
          <h3>Message to {preview.who}</h3>
          <MessagePreview preview={preview.preview} />
        </section>
      )}
      <DataTable
        caption={`Customers in this outreach (${members.total})`}
        columns={memberColumns(
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
  useEffect(() => {
    void load();
  }, [load]);
  const columns: Column<OutreachSummary>[] = [
    {
      header: 'Outreach',
      csv: (o) => o.name,
      cell: (o) => (
        <button type="button" className="link-button" onClick={() => void open(o.id)}>
          {o.name}
        </button>
      ),
    },
    { header: 'Built', csv: (o) => o.createdAt, cell: (o) => formatDate(o.createdAt) },
    { header: 'Customers', csv: (o) => o.figures.members, numeric: true },
    { header: 'Told', csv: (o) => o.figures.told, numeric: true },
    { header: 'Came back', csv: (o) => o.figures.cameBack, numeric: true },
    { header: 'Revenue back (monthly)', csv: (o) => o.figures.revenueBack, cell: (o) => formatMoney(o.figures.revenueBack), numeric: true },
  ];
  return (
    <div className="outreach">
      <header className="trends-head">
        <h1>Outreach</h1>
      </header>
      <p className="muted">Mark an issue fixed in Issues to fix to tell the customers it drove away. Templates and delivery are in Admin.</p>
      <DataTable caption="Outreaches" columns={columns} rows={outreaches} rowKey={(o) => o.id} empty="No outreach yet." />
      {selected && <OutreachDetail key={selected.id} outreach={selected} />}
    </div>
  );
}

