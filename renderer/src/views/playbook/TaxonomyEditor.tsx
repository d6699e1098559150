import { useId, useState, type FormEvent } from 'react';
import type { TaxonomyCategory } from '../../../../shared/api/call';
import { api } from '../../api/client';
import type { PlaybookData } from './usePlaybookData';
import { RetireToggle } from './EditorButtons';

function RenameForm({ label, initial, onSave, onCancel, busy }: { label: string; initial: string; onSave: (name: string) => void; onCancel: () => void; busy: boolean }) {
  const id = useId();
  const [name, setName] = useState(initial);
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSave(name);
      }}
    >
      <label htmlFor={id}>{label}</label>
      <input id={id} value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
      <button type="submit" disabled={busy}>
        Save name
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}

function CategoryBlock({ category, data }: { category: TaxonomyCategory; data: PlaybookData }) {
  const id = useId();
  const [renaming, setRenaming] = useState<string | null>(null);
  const [newReason, setNewReason] = useState('');
  const { run, setTaxonomy, busy } = data;
  const addReason = (e: FormEvent) => {
    e.preventDefault();
    void run(() => api().call('taxonomy.saveReason', { categoryId: category.id, name: newReason }), setTaxonomy, `Added "${newReason.trim()}" to ${category.name}.`).then(
      (ok) => ok && setNewReason(''),
    );
  };
  return (
    <li className={category.retired ? 'retired' : ''}>
      {renaming === category.id ? (
        <RenameForm
          label={`New name for ${category.name}`}
          initial={category.name}
          busy={busy}
          onCancel={() => setRenaming(null)}
          onSave={(name) =>
            void run(
              () => api().call('taxonomy.saveCategory', { id: category.id, name, approach: category.approach, recoverable: category.recoverable }),
              setTaxonomy,
              `Renamed to "${name.trim()}"; earlier calls and reports follow the new name.`,
            ).then((ok) => ok && setRenaming(null))
          }
        />
      ) : (
        <h4>
          {category.name}
          {category.retired && <span className="badge"> retired</span>}
          {!category.recoverable && <span className="badge"> never called</span>}
        </h4>
      )}
      <p className="muted">
        Id {category.id}. {category.approach}
      </p>
      <div className="row-actions">
        <button type="button" onClick={() => setRenaming(category.id)} aria-label={`Rename ${category.name}`}>
          Rename
        </button>
        <RetireToggle
          name={category.name}
          retired={category.retired}
          busy={busy}
          onToggle={() =>
            void run(
              () => api().call('taxonomy.retireCategory', { id: category.id, retired: !category.retired }),
              setTaxonomy,
              category.retired ? `${category.name} is offered on calls again.` : `${category.name} is retired: kept in history and reports, no longer offered on calls.`,
            )
          }
        />
      </div>
      <ul aria-label={`Reasons in ${category.name}`}>
        {category.reasons.map((r) => (
          <li key={r.id} className={r.retired ? 'retired' : ''}>
            {renaming === r.id ? (
              <RenameForm
                label={`New name for ${r.name}`}
                initial={r.name}
                busy={busy}
                onCancel={() => setRenaming(null)}
                onSave={(name) =>
                  void run(() => api().call('taxonomy.saveReason', { id: r.id, categoryId: category.id, name }), setTaxonomy, `Renamed to "${name.trim()}".`).then(
                    (ok) => ok && setRenaming(null),
                  )
                }
              />
            ) : (
              <>
                {r.name}
                {r.retired && <span className="badge"> retired</span>}{' '}
                <button type="button" className="link" onClick={() => setRenaming(r.id)} aria-label={`Rename ${r.name}`}>
                  Rename
                </button>{' '}
                <RetireToggle
                  className="link"
                  name={r.name}
                  retired={r.retired}
                  busy={busy}
                  onToggle={() =>
                    void run(
                      () => api().call('taxonomy.retireReason', { id: r.id, retired: !r.retired }),
                      setTaxonomy,
                      r.retired ? `${r.name} is offered on calls again.` : `${r.name} is retired: kept in history and reports, no longer offered on calls.`,
                    )
                  }
                />
              </>
            )}
          </li>
        ))}
      </ul>
      {!category.retired && (
        <form onSubmit={addReason} className="inline-form">
          <label htmlFor={`${id}-new`}>New reason in {category.name}</label>
          <input id={`${id}-new`} value={newReason} maxLength={120} onChange={(e) => setNewReason(e.target.value)} />
          <button type="submit" disabled={busy}>
            Add reason
          </button>
        </form>
      )}
    </li>
  );
}

/** Categories and specific reasons: add, rename, retire. Ids never change, so history stays whole. */
export function TaxonomyEditor({ data }: { data: PlaybookData }) {
  const id = useId();
  const [name, setName] = useState('');
  const [approach, setApproach] = useState('');
  const [recoverable, setRecoverable] = useState(true);
  const { taxonomy, run, setTaxonomy, busy } = data;
  if (!taxonomy) return <p aria-busy="true">Loading the taxonomy…</p>;
  return (
    <section aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Reason taxonomy</h3>
      <ul className="taxonomy" aria-label="Reason categories">
        {taxonomy.map((c) => (
          <CategoryBlock key={c.id} category={c} data={data} />
        ))}
      </ul>
      <form
        className="stack-form"
        onSubmit={(e) => {
          e.preventDefault();
          void run(() => api().call('taxonomy.saveCategory', { name, approach, recoverable }), setTaxonomy, `Added the category "${name.trim()}".`).then((ok) => {
            if (ok) {
              setName('');
              setApproach('');
              setRecoverable(true);
            }
          });
        }}
      >
        <h4>Add a category</h4>
        <label htmlFor={`${id}-name`}>Category name</label>
        <input id={`${id}-name`} value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
        <label htmlFor={`${id}-approach`}>What tends to work</label>
        <input id={`${id}-approach`} value={approach} maxLength={1000} onChange={(e) => setApproach(e.target.value)} />
        <label className="checkbox">
          <input type="checkbox" checked={recoverable} onChange={(e) => setRecoverable(e.target.checked)} />
          Customers who left for this reason may be called
        </label>
        <button type="submit" disabled={busy}>
          Add category
        </button>
      </form>
    </section>
  );
}
