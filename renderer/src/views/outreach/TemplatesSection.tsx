import { useEffect, useId, useState } from 'react';
import type { TaxonomyCategory } from '../../../../shared/api/call';
import type { Preview, SaveTemplateInput, Template } from '../../../../shared/api/outreach';
import { MERGE_FIELDS, MERGE_FIELD_LABELS, TEMPLATE_KINDS, TEMPLATE_KIND_LABELS, type TemplateKind } from '../../../../shared/domain/outreachTemplate';
import { api } from '../../api/client';
import { useAppStore } from '../../store';
import { MessagePreview } from './MessagePreview';
import '../playbook/playbook.css';
import './outreach.css';

function CustomerPicker({ onPick }: { onPick: (id: number) => void }) {
  const id = useId();
  const reportError = useAppStore((s) => s.reportError);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<{ id: number; externalId: string; name: string | null }[]>([]);
  useEffect(() => {
    if (query.trim() === '') return;
    const t = setTimeout(() => {
      api().call('outreach.customers.search', { query }).then((r) => setFound(r.items)).catch(reportError);
    }, 250);
    return () => clearTimeout(t);
  }, [query, reportError]);
  return (
    <div className="stack-form">
      <label htmlFor={`${id}-q`}>Preview for customer</label>
      <input id={`${id}-q`} type="search" value={query} placeholder="Name, email or customer id" onChange={(e) => setQuery(e.target.value)} />
      {query.trim() !== '' && (
        <ul aria-label="Customers found" className="offer-list">
          {found.map((c) => (
            <li key={c.id}>
              <button type="button" className="link-button" onClick={() => onPick(c.id)}>
                {c.name ?? c.externalId} ({c.externalId})
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
      <h4 id={`${id}-h`}>{template ? `Edit ${template.name}` : 'Add a template'}</h4>
      <label htmlFor={`${id}-name`}>Template name</label>
      <input id={`${id}-name`} value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
      <label htmlFor={`${id}-kind`}>Kind</label>
      <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as TemplateKind)}>
        {TEMPLATE_KINDS.map((k) => (
          <option key={k} value={k}>
            {TEMPLATE_KIND_LABELS[k]}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-scope`}>For customers who left for</label>
      <select id={`${id}-scope`} value={scope} onChange={(e) => setScope(e.target.value)}>
        <option value="">Every reason</option>
        {categories.map((c) => (
          <optgroup key={c.id} label={c.name}>
            <option value={c.id}>{c.name} (any reason of it)</option>
            {c.reasons.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <label htmlFor={`${id}-subject`}>Subject</label>
      <input id={`${id}-subject`} value={subject} maxLength={300} onChange={(e) => setSubject(e.target.value)} />
      <label htmlFor={`${id}-body`}>Message</label>
      <textarea id={`${id}-body`} rows={10} value={body} maxLength={20000} onChange={(e) => setBody(e.target.value)} />
      <p className="muted">
        Merge fields: {MERGE_FIELDS.map((f) => `{{${f}}} (${MERGE_FIELD_LABELS[f].toLowerCase()})`).join(', ')}. A customer without a value for a field used here gets no message, and the outreach says which field.
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
          {template ? 'Save template' : 'Add template'}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
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
  useEffect(() => {
    Promise.all([api().call('outreach.templates.list', {}), api().call('taxonomy.list', {})])
      .then(([t, c]) => {
        setTemplates(t.items);
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
  if (!templates) return <p aria-busy="true">Loading the templates…</p>;
  return (
    <section className="playbook" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Message templates</h2>
      <p className="muted">Each message uses the template for the customer's reason, else its category's, else the one for every reason. An offer, not a pitch.</p>
      {TEMPLATE_KINDS.map((kind) => (
        <section key={kind} aria-label={TEMPLATE_KIND_LABELS[kind]}>
          <h3>{TEMPLATE_KIND_LABELS[kind]}</h3>
          <ul className="offer-list" aria-label={`${TEMPLATE_KIND_LABELS[kind]} templates`}>
            {templates
              .filter((t) => t.kind === kind)
              .map((t) => (
                <li key={t.id} className={t.retired ? 'retired' : ''}>
                  {editing === t.id ? (
                    <TemplateForm
                      template={t}
                      categories={categories}
                      busy={busy}
                      onCancel={() => setEditing(null)}
                      onSave={(input) => void run(() => api().call('outreach.templates.save', input), `Saved "${input.name}".`).then((ok) => ok && setEditing(null))}
                    />
                  ) : (
                    <>
                      <strong>{t.name}</strong> · {t.scope}
                      {t.retired && <span className="badge"> retired</span>}
                      <p className="muted">{t.subject}</p>
                      <div className="row-actions">
                        <button type="button" onClick={() => setEditing(t.id)} aria-label={`Edit ${t.name}`}>
                          Edit
                        </button>
                        <button
                          type="button"
                          disabled={busy}
                          onClick={() => void run(() => api().call('outreach.templates.retire', { id: t.id, retired: !t.retired }), t.retired ? `${t.name} is used again.` : `${t.name} is retired.`)}
                        >
                          {t.retired ? `Restore ${t.name}` : `Retire ${t.name}`}
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
        categories={categories}
        busy={busy}
        onSave={(input) => void run(() => api().call('outreach.templates.save', input), `Added "${input.name}".`).then((ok) => ok && setFormKey((k) => k + 1))}
      />
    </section>
  );
}
