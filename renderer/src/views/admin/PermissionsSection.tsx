import { useCallback, useEffect, useId, useState } from 'react';
import type { Ledger, LedgerEntry, LedgerList } from '../../../../shared/api/permissions';
import { PERMISSION_KINDS, PERMISSION_SCOPES, SCOPE_LABELS, SOURCE_LABELS, type PermissionKind, type PermissionScope } from '../../../../shared/domain/permissions';
import { api } from '../../api/client';
import { csvFileName, saveCsv } from '../../lib/download';
import { PRIVACY_AUDIT_CSV } from '../../../../shared/api/privacy';
import { formatCount, formatDate, formatDateTime } from '../../lib/format';
import { useAppStore } from '../../store';

const KIND_LABELS: Record<PermissionKind, string> = { phone: 'Phone number', email: 'Email address', customer: 'Customer id' };

export interface NewEntry {
  kind: PermissionKind;
  value: string;
  scope: PermissionScope;
  note: string;
  expiresOn: string;
}

export interface NewList {
  name: string;
  scope: PermissionScope;
  registry: boolean;
  column: string;
  text: string;
}

export interface LedgerViewProps {
  ledger: Ledger;
  busy: boolean;
  onSearch: (search: string, includeExpired: boolean) => void;
  onAdd: (entry: NewEntry) => void;
  onExpire: (id: string, what: string) => void;
  onImport: (list: NewList) => void;
  onCountry: (country: string | null, relationshipMonths: number | null) => void;
  onDownloadAudit: () => void;
}

function status(e: { expiredAt: string | null; expiredBy: string | null; expiresAt: string | null }): string {
  if (e.expiredAt) return `expired ${formatDate(e.expiredAt)} by ${e.expiredBy ?? '?'}`;
  if (e.expiresAt) return `active until ${formatDate(e.expiresAt)}`;
  return 'active';
}

function EntryRow({ e, busy, onExpire }: { e: LedgerEntry; busy: boolean; onExpire: LedgerViewProps['onExpire'] }) {
  return (
    <tr>
      <td>{KIND_LABELS[e.kind]}</td>
      <td>{e.value}</td>
      <td>{SCOPE_LABELS[e.scope]}</td>
      <td>
        {formatDateTime(e.addedAt)} by {e.addedBy} ({SOURCE_LABELS[e.source]}){e.note ? `: ${e.note}` : ''}
      </td>
      <td>{status(e)}</td>
      <td>
        {!e.expiredAt && (
          <button type="button" disabled={busy} aria-label={`Expire the entry for ${e.value}`} onClick={() => onExpire(e.id, e.value)}>
            Expire
          </button>
        )}
      </td>
    </tr>
  );
}

function ListRow({ l, busy, matching, onExpire }: { l: LedgerList; busy: boolean; matching: boolean; onExpire: LedgerViewProps['onExpire'] }) {
  return (
    <tr>
      <td>
        {l.name}
        {l.registry ? ' (registry)' : ''}
        {matching ? ' — holds the searched value' : ''}
      </td>
      <td>{formatCount(l.size)}</td>
      <td>{SCOPE_LABELS[l.scope]}</td>
      <td>
        {formatDateTime(l.addedAt)} by {l.addedBy}
      </td>
      <td>{status(l)}</td>
      <td>
        {!l.expiredAt && (
          <button type="button" disabled={busy} aria-label={`Expire the list ${l.name}`} onClick={() => onExpire(l.id, `the list ${l.name}`)}>
            Expire
          </button>
        )}
      </td>
    </tr>
  );
}

/** The contact-permission ledger for managers: what blocks whom, since when, on whose word, and its history. */
export function LedgerView({ ledger, busy, onSearch, onAdd, onExpire, onImport, onCountry, onDownloadAudit }: LedgerViewProps) {
  const id = useId();
  const [search, setSearch] = useState('');
  const [includeExpired, setIncludeExpired] = useState(false);
  const [entry, setEntry] = useState<NewEntry>({ kind: 'phone', value: '', scope: 'call', note: '', expiresOn: '' });
  const [list, setList] = useState<NewList>({ name: '', scope: 'call', registry: false, column: '', text: '' });
  const [country, setCountry] = useState(ledger.country ?? '');
  const [months, setMonths] = useState(ledger.relationshipMonths === null ? '' : String(ledger.relationshipMonths));
  return (
    <section aria-labelledby={`${id}-title`} className="admin-section">
      <h2 id={`${id}-title`}>Contact permissions</h2>
      <p>
        {formatCount(ledger.counts.active)} active entries, {formatCount(ledger.counts.lists)} lists holding {formatCount(ledger.counts.listValues)} numbers;{' '}
        {formatCount(ledger.counts.expired)} expired entries kept in the history.{' '}
        {ledger.syncedAt ? `Last heard from the hub ${formatDateTime(ledger.syncedAt)}.` : 'Not synced with a hub yet: this desk enforces what it holds.'}
        {ledger.pending > 0 ? ` ${formatCount(ledger.pending)} changes wait to reach the hub.` : ''}
      </p>

      <form
        aria-label="Desk country and relationship window"
        onSubmit={(e) => {
          e.preventDefault();
          onCountry(country.trim() === '' ? null : country.trim().toUpperCase(), months.trim() === '' ? null : Number(months));
        }}
      >
        <label htmlFor={`${id}-country`}>Country of national numbers (two letters, e.g. US)</label>
        <input id={`${id}-country`} value={country} maxLength={2} onChange={(e) => setCountry(e.target.value)} />
        <label htmlFor={`${id}-months`}>Established-relationship window for registry lists, in months (empty: off)</label>
        <input id={`${id}-months`} type="number" min={1} max={120} value={months} onChange={(e) => setMonths(e.target.value)} />
        <p className="hint">
          While it is on, a number on a do-not-call registry list may still be called until the customer&apos;s departure is this old (US
          rules allow 18 months); older ones are kept out with the reason &quot;relationship window passed&quot;.
        </p>
        <button type="submit" disabled={busy}>
          Save
        </button>
      </form>

      <form
        aria-label="Search the ledger"
        onSubmit={(e) => {
          e.preventDefault();
          onSearch(search, includeExpired);
        }}
      >
        <label htmlFor={`${id}-search`}>Number, email or customer id</label>
        <input id={`${id}-search`} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        <label className="radio">
          <input type="checkbox" checked={includeExpired} onChange={(e) => setIncludeExpired(e.target.checked)} />
          Show expired entries too
        </label>
        <button type="submit">Search</button>
      </form>

      <table>
        <caption>Entries</caption>
        <thead>
          <tr>
            <th scope="col">Kind</th>
            <th scope="col">Value</th>
            <th scope="col">Forbids</th>
            <th scope="col">Added</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {ledger.entries.length === 0 ? (
            <tr>
              <td colSpan={6}>No entries.</td>
            </tr>
          ) : (
            ledger.entries.map((e) => <EntryRow key={e.id} e={e} busy={busy} onExpire={onExpire} />)
          )}
        </tbody>
      </table>

      <form
        aria-label="Add an entry"
        onSubmit={(e) => {
          e.preventDefault();
          onAdd(entry);
        }}
      >
        <h3>Add an entry</h3>
        <label htmlFor={`${id}-kind`}>Kind</label>
        <select id={`${id}-kind`} value={entry.kind} onChange={(e) => setEntry({ ...entry, kind: e.target.value as PermissionKind })}>
          {PERMISSION_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-value`}>Value</label>
        <input id={`${id}-value`} value={entry.value} onChange={(e) => setEntry({ ...entry, value: e.target.value })} />
        <label htmlFor={`${id}-scope`}>Forbids</label>
        <select id={`${id}-scope`} value={entry.scope} onChange={(e) => setEntry({ ...entry, scope: e.target.value as PermissionScope })}>
          {PERMISSION_SCOPES.map((s) => (
            <option key={s} value={s}>
              {SCOPE_LABELS[s]}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-note`}>Note (optional)</label>
        <input id={`${id}-note`} value={entry.note} onChange={(e) => setEntry({ ...entry, note: e.target.value })} />
        <label htmlFor={`${id}-expires`}>Ends on (optional)</label>
        <input id={`${id}-expires`} type="date" value={entry.expiresOn} onChange={(e) => setEntry({ ...entry, expiresOn: e.target.value })} />
        <button type="submit" className="primary" disabled={busy || entry.value.trim() === ''}>
          Add to the ledger
        </button>
      </form>

      <table>
        <caption>Imported lists</caption>
        <thead>
          <tr>
            <th scope="col">List</th>
            <th scope="col">Numbers</th>
            <th scope="col">Forbids</th>
            <th scope="col">Added</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {ledger.lists.length === 0 ? (
            <tr>
              <td colSpan={6}>No lists imported.</td>
            </tr>
          ) : (
            ledger.lists.map((l) => <ListRow key={l.id} l={l} busy={busy} matching={ledger.listsMatching.includes(l.id)} onExpire={onExpire} />)
          )}
        </tbody>
      </table>

      <form
        aria-label="Import a suppression list"
        onSubmit={(e) => {
          e.preventDefault();
          onImport(list);
        }}
      >
        <h3>Import a suppression list</h3>
        <p className="hint">One number a line, or a CSV file with a column of numbers. Any line that cannot be read refuses the whole file, naming the line.</p>
        <label htmlFor={`${id}-list-file`}>List file</label>
        <input
          id={`${id}-list-file`}
          type="file"
          accept=".csv,.txt,text/csv,text/plain"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (!file) return;
            void file.text().then((text) => setList((l) => ({ ...l, text, name: l.name === '' ? file.name : l.name })));
          }}
        />
        <label htmlFor={`${id}-list-name`}>Name</label>
        <input id={`${id}-list-name`} value={list.name} onChange={(e) => setList({ ...list, name: e.target.value })} />
        <label htmlFor={`${id}-list-column`}>Column (for a CSV file; optional)</label>
        <input id={`${id}-list-column`} value={list.column} onChange={(e) => setList({ ...list, column: e.target.value })} />
        <label htmlFor={`${id}-list-scope`}>Forbids</label>
        <select id={`${id}-list-scope`} value={list.scope} onChange={(e) => setList({ ...list, scope: e.target.value as PermissionScope })}>
          {PERMISSION_SCOPES.map((s) => (
            <option key={s} value={s}>
              {SCOPE_LABELS[s]}
            </option>
          ))}
        </select>
        <label className="radio">
          <input type="checkbox" checked={list.registry} onChange={(e) => setList({ ...list, registry: e.target.checked })} />
          A do-not-call registry extract
        </label>
        <button type="submit" className="primary" disabled={busy || list.text === '' || list.name.trim() === ''}>
          Import the list
        </button>
      </form>

      <h3>Audit log</h3>
      <p className="hint">Erasures and permission changes: who, when, what kind and how many, with no personal data.</p>
      <button type="button" onClick={onDownloadAudit}>
        Download the audit log (CSV)
      </button>
    </section>
  );
}

export function PermissionsSection() {
  const reportError = useAppStore((s) => s.reportError);
  const notify = useAppStore((s) => s.notify);
  const loadQueue = useAppStore((s) => s.loadQueue);
  const [ledger, setLedger] = useState<Ledger | null>(null);
  const [query, setQuery] = useState<{ search: string; includeExpired: boolean }>({ search: '', includeExpired: false });
  const [busy, setBusy] = useState(false);
  const load = useCallback(
    (q: { search: string; includeExpired: boolean }) =>
      api()
        .call('permissions.ledger', { ...(q.search.trim() !== '' ? { search: q.search } : {}), includeExpired: q.includeExpired })
        .then(setLedger)
        .catch((error: unknown) => reportError(error, 'permissions')),
    [reportError],
  );
  useEffect(() => {
    void load(query);
  }, [load, query]);
  const act = (work: () => Promise<string>) => {
    setBusy(true);
    work()
      .then((message) => {
        notify('info', message, 'permissions');
        void load(query);
        void loadQueue();
      })
      .catch((error: unknown) => reportError(error, 'permissions'))
      .finally(() => setBusy(false));
  };
  if (!ledger) return <p aria-busy="true">Loading…</p>;
  return (
    <LedgerView
      key={`${ledger.country ?? ''}-${ledger.relationshipMonths ?? ''}`}
      ledger={ledger}
      busy={busy}
      onSearch={(search, includeExpired) => setQuery({ search, includeExpired })}
      onDownloadAudit={() => {
        api()
          .call('privacy.audit', {})
          .then((rows) => saveCsv(csvFileName('privacy audit'), PRIVACY_AUDIT_CSV, rows))
          .catch((error: unknown) => reportError(error, 'permissions'));
      }}
      onCountry={(country, relationshipMonths) =>
        act(async () => {
          await api().call('permissions.settings.set', { country, relationshipMonths });
          return `${country ? `National numbers are read as ${country}` : 'No desk country set'}; relationship window ${relationshipMonths === null ? 'off' : `${relationshipMonths} months`}.`;
        })
      }
      onAdd={(e) =>
        act(async () => {
          const added = await api().call('permissions.add', {
            kind: e.kind,
            value: e.value,
            scope: e.scope,
            ...(e.note.trim() !== '' ? { note: e.note } : {}),
            ...(e.expiresOn !== '' ? { expiresAt: `${e.expiresOn}T00:00:00Z` } : {}),
          });
          return `Added ${added.value} to the ledger: ${SCOPE_LABELS[added.scope]}.`;
        })
      }
      onExpire={(id, what) =>
        act(async () => {
          await api().call('permissions.expire', { id });
          return `Expired ${what}; the history keeps it.`;
        })
      }
      onImport={(l) =>
        act(async () => {
          const r = await api().call('permissions.importList', {
            name: l.name,
            scope: l.scope,
            registry: l.registry,
            ...(l.column.trim() !== '' ? { column: l.column } : {}),
            text: l.text,
          });
          return `Imported ${formatCount(r.numbers)} numbers; ${formatCount(r.customersBlocked)} customers are now kept out of every queue.`;
        })
      }
    />
  );
}
