import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaxonomyCategory } from '../../../../shared/api/call';
import type { Preview, SaveTemplateInput, Template } from '../../../../shared/api/outreach';
import { MERGE_FIELDS, TEMPLATE_KINDS, type TemplateKind } from '../../../../shared/domain/outreachTemplate';
import { api } from '../../api/client';
import { useAppStore } from '../../store';
import { MessagePreview } from './MessagePreview';
import { localiseTaxonomy } from '../../i18n/content';
import { localiseTemplate } from '../../i18n/templateContent';
import '../playbook/playbook.css';
import './outreach.css';

function CustomerPicker({ onPick }: { onPick: (id: number) => void }) {
  const id = useId();
  const reportError = useAppStore((s) => s.reportError);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<{ id: number; externalId: string; name: string | null }[]>([]);
  const { t } = useTranslation();
  useEffect(() => {
    if (query.trim() === '') return;
    const timer = setTimeout(() => {
      api().call('outreach.customers.search', { query }).then((r) => setFound(r.items)).catch(reportError);
    }, 250);
    return () => clearTimeout(timer);
  }, [query, reportError]);
  return (
    <div className="stack-form">
      <label htmlFor={`${id}-q`}>{t('outreach.templates.previewFor')}</label>
      <input id={`${id}-q`} type="search" value={query} placeholder={t('outreach.templates.searchPlaceholder')} onChange={(e) => setQuery(e.target.value)} />
      {query.trim() !== '' && (
        <ul aria-label={t('outreach.templates.found')} className="offer-list">
          {found.map((c) => (
            <li key={c.id}>
              <button type="button" className="link-button" onClick={() => onPick(c.id)}>
                {t('outreach.templates.foundItem', { name: c.name ?? c.externalId, id: c.externalId })}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function TemplateForm({
  template,
  categories,
  busy,
  onSave,
  onCancel,
}: {
  template: Template | null;
  categories: TaxonomyCategory[];
  busy: boolean;
  onSave: (input: SaveTemplateInput) => void;
  onCancel?: () => void;
}) {
  const id = useId();
  const reportError = useAppStore((s) => s.reportError);
  const [kind, setKind] = useState<TemplateKind>(template?.kind ?? 'what_changed');
  const [scope, setScope] = useState(template?.reasonId ?? template?.categoryId ?? '');
  const [name, setName] = useState(template?.name ?? '');
  const [subject, setSubject] = useState(template?.subject ?? '');
  const [body, setBody] = useState(template?.body ?? '');
  const [preview, setPreview] = useState<Preview | null>(null);
  const { t } = useTranslation();
  const reasonIds = new Set(categories.flatMap((c) => c.reasons.map((r) => r.id)));
  const scopeFields = scope === '' ? { categoryId: null, reasonId: null } : reasonIds.has(scope) ? { categoryId: null, reasonId: scope } : { categoryId: scope, reasonId: null };
  return (
    <form
      className="stack-form"
      aria-labelledby={`${id}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        onSave({ ...(template ? { id: template.id } : {}), kind, ...scopeFields, name, subject, body });
      }}
    >
      <h4 id={`${id}-h`}>{template ? t('outreach.templates.editTitle', { name: template.name }) : t('outreach.templates.addTitle')}</h4>
      <label htmlFor={`${id}-name`}>{t('outreach.templates.name')}</label>
      <input id={`${id}-name`} value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
      <label htmlFor={`${id}-kind`}>{t('outreach.templates.kind')}</label>
      <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as TemplateKind)}>
        {TEMPLATE_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`outreach.templates.kinds.${k}`)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-scope`}>{t('outreach.templates.scope')}</label>
      <select id={`${id}-scope`} value={scope} onChange={(e) => setScope(e.target.value)}>
        <option value="">{t('outreach.templates.everyReason')}</option>
        {categories.map((c) => (
          <optgroup key={c.id} label={c.name}>
            <option value={c.id}>{t('outreach.templates.anyOfCategory', { name: c.name })}</option>
            {c.reasons.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <label htmlFor={`${id}-subject`}>{t('outreach.templates.subject')}</label>
      <input id={`${id}-subject`} value={subject} maxLength={300} onChange={(e) => setSubject(e.target.value)} />
      <label htmlFor={`${id}-body`}>{t('outreach.templates.body')}</label>
      <textarea id={`${id}-body`} rows={10} value={body} maxLength={20000} onChange={(e) => setBody(e.target.value)} />
      <p className="muted">
        {t('outreach.templates.mergeFields', {
          fields: MERGE_FIELDS.map((f) => t('outreach.templates.mergeField', { field: `{{${f}}}`, label: t(`outreach.templates.fields.${f}`) })).join(', '),
        })}
      </p>
      <CustomerPicker
        onPick={(customerId) => {
          api()
            .call('outreach.preview', { customerId, draft: { subject, body } })
            .then(setPreview)
            .catch(reportError);
        }}
      />
      {preview && <MessagePreview preview={preview} />}
      <div className="row-actions">
        <button type="submit" disabled={busy}>
          {template ? t('outreach.templates.save') : t('outreach.templates.add')}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('outreach.templates.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

/** Admin, Message templates: what each kind of message says, per reason category or reason, like the playbook. */
export function TemplatesSection() {
  const id = useId();
  const reportError = useAppStore((s) => s.reportError);
  const notify = useAppStore((s) => s.notify);
  const [templates, setTemplates] = useState<Template[] | null>(null);
  const [categories, setCategories] = useState<TaxonomyCategory[]>([]);
  const [editing, setEditing] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [busy, setBusy] = useState(false);
  const { t } = useTranslation();
  useEffect(() => {
    Promise.all([api().call('outreach.templates.list', {}), api().call('taxonomy.list', {})])
      .then(([list, c]) => {
        setTemplates(list.items);
        setCategories(c.filter((x) => !x.retired && x.recoverable));
      })
      .catch(reportError);
  }, [reportError]);
  const run = async (work: () => Promise<{ items: Template[] }>, done: string): Promise<boolean> => {
    setBusy(true);
    try {
      setTemplates((await work()).items);
      notify('info', done);
      return true;
    } catch (error) {
      reportError(error);
      return false;
    } finally {
      setBusy(false);
    }
  };
  if (!templates) return <p aria-busy="true">{t('outreach.templates.loading')}</p>;
  const shown = templates.map((tpl) => localiseTemplate(t, tpl));
  const shownCategories = localiseTaxonomy(t, categories);
  return (
    <section className="playbook" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('outreach.templates.title')}</h2>
      <p className="muted">{t('outreach.templates.help')}</p>
      {TEMPLATE_KINDS.map((kind) => (
        <section key={kind} aria-label={t(`outreach.templates.kinds.${kind}`)}>
          <h3>{t(`outreach.templates.kinds.${kind}`)}</h3>
          <ul className="offer-list" aria-label={t('outreach.templates.listOf', { kind: t(`outreach.templates.kinds.${kind}`) })}>
            {shown
              .filter((tpl) => tpl.kind === kind)
              .map((tpl) => (
                <li key={tpl.id} className={tpl.retired ? 'retired' : ''}>
                  {editing === tpl.id ? (
                    <TemplateForm
                      template={tpl}
                      categories={shownCategories}
                      busy={busy}
                      onCancel={() => setEditing(null)}
                      onSave={(input) => void run(() => api().call('outreach.templates.save', input), t('outreach.templates.saved', { name: input.name })).then((ok) => ok && setEditing(null))}
                    />
                  ) : (
                    <>
                      <strong>{tpl.name}</strong> · {tpl.categoryId === null && tpl.reasonId === null ? t('outreach.templates.everyReason') : tpl.scope}
                      {tpl.retired && <span className="badge">{t('outreach.templates.retiredBadge')}</span>}
                      <p className="muted">{tpl.subject}</p>
                      <div className="row-actions">
                        <button type="button" onClick={() => setEditing(tpl.id)} aria-label={t('outreach.templates.editNamed', { name: tpl.name })}>
                          {t('outreach.templates.edit')}
                        </button>
                        <button
                          type="button"
                          disabled={busy}
                          onClick={() => void run(() => api().call('outreach.templates.retire', { id: tpl.id, retired: !tpl.retired }), tpl.retired ? t('outreach.templates.usedAgain', { name: tpl.name }) : t('outreach.templates.retired', { name: tpl.name }))}
                        >
                          {tpl.retired ? t('outreach.templates.restore', { name: tpl.name }) : t('outreach.templates.retire', { name: tpl.name })}
                        </button>
                      </div>
                    </>
                  )}
                </li>
              ))}
          </ul>
        </section>
      ))}
      <TemplateForm
        key={formKey}
        template={null}
        categories={shownCategories}
        busy={busy}
        onSave={(input) => void run(() => api().call('outreach.templates.save', input), t('outreach.templates.added', { name: input.name })).then((ok) => ok && setFormKey((k) => k + 1))}
      />
    </section>
  );
}
