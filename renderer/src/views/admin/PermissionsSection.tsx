import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Ledger, LedgerEntry, LedgerList } from '../../../../shared/api/permissions';
import { PERMISSION_KINDS, PERMISSION_SCOPES, type PermissionKind, type PermissionScope } from '../../../../shared/domain/permissions';
import { api } from '../../api/client';
import { csvFileName, saveCsv } from '../../lib/download';
import type { PrivacyAuditRow } from '../../../../shared/api/privacy';
import type { CsvColumn } from '../../../../shared/csv/write';
import { formatCount, formatDate, formatDateTime } from '../../lib/format';
import { useAppStore } from '../../store';


/** The audit log's columns, headed in the person's language (the rows are the core's, as recorded). */
function auditColumns(t: TFunction): CsvColumn<PrivacyAuditRow>[] {
  return [
    { header: t('admin.permissions.auditCsv.when'), value: (r) => r.at },
    { header: t('admin.permissions.auditCsv.who'), value: (r) => r.who },
    { header: t('admin.permissions.auditCsv.what'), value: (r) => r.what },
    { header: t('admin.permissions.auditCsv.kind'), value: (r) => r.kind },
    { header: t('admin.permissions.auditCsv.count'), value: (r) => r.count },
  ];
}

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

function status(t: TFunction, e: { expiredAt: string | null; expiredBy: string | null; expiresAt: string | null }): string {
  if (e.expiredAt) return t('admin.permissions.expiredBy', { date: formatDate(e.expiredAt), by: e.expiredBy ?? '?' });
  if (e.expiresAt) return t('admin.permissions.activeUntil', { date: formatDate(e.expiresAt) });
  return t('admin.permissions.active');
}

function EntryRow({ e, busy, onExpire }: { e: LedgerEntry; busy: boolean; onExpire: LedgerViewProps['onExpire'] }) {
  const { t } = useTranslation();
  return (
    <tr>
      <td>{t(`admin.permissions.kind.${e.kind}`)}</td>
      <td>{e.value}</td>
      <td>{t(`components.scope.${e.scope}`)}</td>
      <td>
        {t('admin.permissions.addedBy', { date: formatDateTime(e.addedAt), by: e.addedBy, source: t(`admin.permissions.source.${e.source}`) })}
        {e.note ? `: ${e.note}` : ''}
      </td>
      <td>{status(t, e)}</td>
      <td>
        {!e.expiredAt && (
          <button type="button" disabled={busy} aria-label={t('admin.permissions.expireEntry', { value: e.value })} onClick={() => onExpire(e.id, e.value)}>
            {t('admin.permissions.expire')}
          </button>
        )}
      </td>
    </tr>
  );
}

function ListRow({ l, busy, matching, onExpire }: { l: LedgerList; busy: boolean; matching: boolean; onExpire: LedgerViewProps['onExpire'] }) {
  const { t } = useTranslation();
  return (
    <tr>
      <td>
        {l.name}
        {l.registry ? ` ${t('admin.permissions.registry')}` : ''}
        {matching ? ` ${t('admin.permissions.holdsSearched')}` : ''}
      </td>
      <td>{formatCount(l.size)}</td>
      <td>{t(`components.scope.${l.scope}`)}</td>
      <td>{t('admin.permissions.listAddedBy', { date: formatDateTime(l.addedAt), by: l.addedBy })}</td>
      <td>{status(t, l)}</td>
      <td>
        {!l.expiredAt && (
          <button type="button" disabled={busy} aria-label={t('admin.permissions.expireList', { name: l.name })} onClick={() => onExpire(l.id, t('admin.permissions.theList', { name: l.name }))}>
            {t('admin.permissions.expire')}
          </button>
        )}
      </td>
    </tr>
  );
}

/** The contact-permission ledger for managers: what blocks whom, since when, on whose word, and its history. */
export function LedgerView({ ledger, busy, onSearch, onAdd, onExpire, onImport, onCountry, onDownloadAudit }: LedgerViewProps) {
  const { t } = useTranslation();
  const id = useId();
  const [search, setSearch] = useState('');
  const [includeExpired, setIncludeExpired] = useState(false);
  const [entry, setEntry] = useState<NewEntry>({ kind: 'phone', value: '', scope: 'call', note: '', expiresOn: '' });
  const [list, setList] = useState<NewList>({ name: '', scope: 'call', registry: false, column: '', text: '' });
  const [country, setCountry] = useState(ledger.country ?? '');
  const [months, setMonths] = useState(ledger.relationshipMonths === null ? '' : String(ledger.relationshipMonths));
  return (
    <section aria-labelledby={`${id}-title`} className="admin-section">
      <h2 id={`${id}-title`}>{t('admin.sections.permissions')}</h2>
      <p>
        {t('admin.permissions.counts', {
          active: t('admin.permissions.activeEntries', { count: ledger.counts.active, total: formatCount(ledger.counts.active) }),
          lists: t('admin.permissions.lists', { count: ledger.counts.lists, total: formatCount(ledger.counts.lists) }),
          numbers: t('admin.permissions.numbers', { count: ledger.counts.listValues, total: formatCount(ledger.counts.listValues) }),
          expired: t('admin.permissions.expiredEntries', { count: ledger.counts.expired, total: formatCount(ledger.counts.expired) }),
        })}{' '}
        {ledger.syncedAt ? t('admin.permissions.synced', { date: formatDateTime(ledger.syncedAt) }) : t('admin.permissions.notSynced')}
        {ledger.pending > 0 ? ` ${t('admin.permissions.pending', { count: ledger.pending, total: formatCount(ledger.pending) })}` : ''}
      </p>

      <form
        aria-label={t('admin.permissions.countryForm')}
        onSubmit={(e) => {
          e.preventDefault();
          onCountry(country.trim() === '' ? null : country.trim().toUpperCase(), months.trim() === '' ? null : Number(months));
        }}
      >
        <label htmlFor={`${id}-country`}>{t('admin.permissions.country')}</label>
        <input id={`${id}-country`} value={country} maxLength={2} onChange={(e) => setCountry(e.target.value)} />
        <label htmlFor={`${id}-months`}>{t('admin.permissions.months')}</label>
        <input id={`${id}-months`} type="number" min={1} max={120} value={months} onChange={(e) => setMonths(e.target.value)} />
        <p className="hint">{t('admin.permissions.monthsHint')}</p>
        <button type="submit" disabled={busy}>
          {t('admin.permissions.save')}
        </button>
      </form>

      <form
        aria-label={t('admin.permissions.searchForm')}
        onSubmit={(e) => {
          e.preventDefault();
          onSearch(search, includeExpired);
        }}
      >
        <label htmlFor={`${id}-search`}>{t('admin.permissions.search')}</label>
        <input id={`${id}-search`} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        <label className="radio">
          <input type="checkbox" checked={includeExpired} onChange={(e) => setIncludeExpired(e.target.checked)} />
          {t('admin.permissions.showExpired')}
        </label>
        <button type="submit">{t('admin.permissions.searchButton')}</button>
      </form>

      <table>
        <caption>{t('admin.permissions.entries')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.permissions.kindHead')}</th>
            <th scope="col">{t('admin.permissions.value')}</th>
            <th scope="col">{t('admin.permissions.forbids')}</th>
            <th scope="col">{t('admin.permissions.added')}</th>
            <th scope="col">{t('admin.permissions.status')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('admin.permissions.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {ledger.entries.length === 0 ? (
            <tr>
              <td colSpan={6}>{t('admin.permissions.noEntries')}</td>
            </tr>
          ) : (
            ledger.entries.map((e) => <EntryRow key={e.id} e={e} busy={busy} onExpire={onExpire} />)
          )}
        </tbody>
      </table>

      <form
        aria-label={t('admin.permissions.addEntry')}
        onSubmit={(e) => {
          e.preventDefault();
          onAdd(entry);
        }}
      >
        <h3>{t('admin.permissions.addEntry')}</h3>
        <label htmlFor={`${id}-kind`}>{t('admin.permissions.kindHead')}</label>
        <select id={`${id}-kind`} value={entry.kind} onChange={(e) => setEntry({ ...entry, kind: e.target.value as PermissionKind })}>
          {PERMISSION_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`admin.permissions.kind.${k}`)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-value`}>{t('admin.permissions.value')}</label>
        <input id={`${id}-value`} value={entry.value} onChange={(e) => setEntry({ ...entry, value: e.target.value })} />
        <label htmlFor={`${id}-scope`}>{t('admin.permissions.forbids')}</label>
        <select id={`${id}-scope`} value={entry.scope} onChange={(e) => setEntry({ ...entry, scope: e.target.value as PermissionScope })}>
          {PERMISSION_SCOPES.map((s) => (
            <option key={s} value={s}>
              {t(`components.scope.${s}`)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-note`}>{t('admin.permissions.note')}</label>
        <input id={`${id}-note`} value={entry.note} onChange={(e) => setEntry({ ...entry, note: e.target.value })} />
        <label htmlFor={`${id}-expires`}>{t('admin.permissions.endsOn')}</label>
        <input id={`${id}-expires`} type="date" value={entry.expiresOn} onChange={(e) => setEntry({ ...entry, expiresOn: e.target.value })} />
        <button type="submit" className="primary" disabled={busy || entry.value.trim() === ''}>
          {t('admin.permissions.add')}
        </button>
      </form>

      <table>
        <caption>{t('admin.permissions.importedLists')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.permissions.list')}</th>
            <th scope="col">{t('admin.permissions.numbersHead')}</th>
            <th scope="col">{t('admin.permissions.forbids')}</th>
            <th scope="col">{t('admin.permissions.added')}</th>
            <th scope="col">{t('admin.permissions.status')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('admin.permissions.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {ledger.lists.length === 0 ? (
            <tr>
              <td colSpan={6}>{t('admin.permissions.noLists')}</td>
            </tr>
          ) : (
            ledger.lists.map((l) => <ListRow key={l.id} l={l} busy={busy} matching={ledger.listsMatching.includes(l.id)} onExpire={onExpire} />)
          )}
        </tbody>
      </table>

      <form
        aria-label={t('admin.permissions.importList')}
        onSubmit={(e) => {
          e.preventDefault();
          onImport(list);
        }}
      >
        <h3>{t('admin.permissions.importList')}</h3>
        <p className="hint">{t('admin.permissions.importHint')}</p>
        <label htmlFor={`${id}-list-file`}>{t('admin.permissions.listFile')}</label>
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
        <label htmlFor={`${id}-list-name`}>{t('admin.permissions.listName')}</label>
        <input id={`${id}-list-name`} value={list.name} onChange={(e) => setList({ ...list, name: e.target.value })} />
        <label htmlFor={`${id}-list-column`}>{t('admin.permissions.listColumn')}</label>
        <input id={`${id}-list-column`} value={list.column} onChange={(e) => setList({ ...list, column: e.target.value })} />
        <label htmlFor={`${id}-list-scope`}>{t('admin.permissions.forbids')}</label>
        <select id={`${id}-list-scope`} value={list.scope} onChange={(e) => setList({ ...list, scope: e.target.value as PermissionScope })}>
          {PERMISSION_SCOPES.map((s) => (
            <option key={s} value={s}>
              {t(`components.scope.${s}`)}
            </option>
          ))}
        </select>
        <label className="radio">
          <input type="checkbox" checked={list.registry} onChange={(e) => setList({ ...list, registry: e.target.checked })} />
          {t('admin.permissions.registryExtract')}
        </label>
        <button type="submit" className="primary" disabled={busy || list.text === '' || list.name.trim() === ''}>
          {t('admin.permissions.importButton')}
        </button>
      </form>

      <h3>{t('admin.permissions.audit')}</h3>
      <p className="hint">{t('admin.permissions.auditHint')}</p>
      <button type="button" onClick={onDownloadAudit}>
        {t('admin.permissions.downloadAudit')}
      </button>
    </section>
  );
}

export function PermissionsSection() {
  const { t } = useTranslation();
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
  if (!ledger) return <p aria-busy="true">{t('common.loading')}</p>;
  return (
    <LedgerView
      key={`${ledger.country ?? ''}-${ledger.relationshipMonths ?? ''}`}
      ledger={ledger}
      busy={busy}
      onSearch={(search, includeExpired) => setQuery({ search, includeExpired })}
      onDownloadAudit={() => {
        api()
          .call('privacy.audit', {})
          .then((rows) => saveCsv(csvFileName(t('admin.permissions.auditFile')), auditColumns(t), rows))
          .catch((error: unknown) => reportError(error, 'permissions'));
      }}
      onCountry={(country, relationshipMonths) =>
        act(async () => {
          await api().call('permissions.settings.set', { country, relationshipMonths });
          return t('admin.permissions.countrySaved', {
            country: country ? t('admin.permissions.countrySet', { country }) : t('admin.permissions.noCountry'),
            window: relationshipMonths === null ? t('admin.permissions.windowOff') : t('admin.permissions.windowMonths', { count: relationshipMonths }),
          });
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
          return t('admin.permissions.addedValue', { value: added.value, scope: t(`components.scope.${added.scope}`) });
        })
      }
      onExpire={(id, what) =>
        act(async () => {
          await api().call('permissions.expire', { id });
          return t('admin.permissions.expired', { what });
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
          return `${t('admin.permissions.importedNumbers', { count: r.numbers, total: formatCount(r.numbers) })} ${t('admin.permissions.blockedCustomers', { count: r.customersBlocked, total: formatCount(r.customersBlocked) })}`;
        })
      }
    />
  );
}
