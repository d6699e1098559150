import { useId, useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { TaxonomyCategory } from '../../../../shared/api/call';
import { api } from '../../api/client';
import type { PlaybookData } from './usePlaybookData';
import { RetireToggle } from './EditorButtons';
import { categoryApproach, categoryName, localiseTaxonomy } from '../../i18n/content';
import type { OwnNames } from '../../../../shared/i18n/taxonomyNames';
import type { SaveOwnNamesInput } from '../../../../shared/api/playbook';
import { useAppStore } from '../../store';
import { OwnNamesForm } from './OwnNamesForm';

function RenameForm({ label, initial, onSave, onCancel, busy }: { label: string; initial: string; onSave: (name: string) => void; onCancel: () => void; busy: boolean }) {
  const id = useId();
  const [name, setName] = useState(initial);
  const { t } = useTranslation();
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
        {t('playbook.taxonomy.saveName')}
      </button>
      <button type="button" onClick={onCancel}>
        {t('playbook.cancel')}
      </button>
    </form>
  );
}

function CategoryBlock({ category, data }: { category: TaxonomyCategory; data: PlaybookData }) {
  const id = useId();
  const [renaming, setRenaming] = useState<string | null>(null);
  const [naming, setNaming] = useState<string | null>(null);
  const [newReason, setNewReason] = useState('');
  const { run, setTaxonomy, busy } = data;
  const { t } = useTranslation();
  const ownNames = useAppStore((s) => s.taxonomyNames);
  const showTaxonomyNames = useAppStore((s) => s.showTaxonomyNames);
  const ownOf = (kind: 'reasons' | 'categories', entryId: string): OwnNames => ownNames[kind].find((e) => e.id === entryId)?.names ?? {};
  const namesForm = (kind: SaveOwnNamesInput['kind'], entryId: string, shown: string) => (
    <OwnNamesForm
      name={shown}
      initial={ownOf(kind === 'reason' ? 'reasons' : 'categories', entryId)}
      busy={busy}
      onCancel={() => setNaming(null)}
      onSave={(names) =>
        void run(() => api().call('taxonomy.saveNames', { kind, id: entryId, names }), showTaxonomyNames, t('playbook.taxonomy.ownNamesSaved', { name: shown })).then(
          (ok) => ok && setNaming(null),
        )
      }
    />
  );
  const namesButton = (entryId: string, shown: string, className?: string) => (
    <button type="button" className={className} onClick={() => setNaming(naming === entryId ? null : entryId)} aria-expanded={naming === entryId} aria-label={t('playbook.taxonomy.ownNamesNamed', { name: shown })}>
      {t('playbook.taxonomy.ownNames')}
    </button>
  );
  // Shown in the manager's language; what is saved (the approach kept on a rename) is the stored text.
  const name = categoryName(t, category.id, category.name);
  const approach = categoryApproach(t, category.id, category.approach);
  const addReason = (e: FormEvent) => {
    e.preventDefault();
    void run(() => api().call('taxonomy.saveReason', { categoryId: category.id, name: newReason }), setTaxonomy, t('playbook.taxonomy.reasonAdded', { name: newReason.trim(), category: name })).then(
      (ok) => ok && setNewReason(''),
    );
  };
  return (
    <li className={category.retired ? 'retired' : ''}>
      {renaming === category.id ? (
        <RenameForm
          label={t('playbook.taxonomy.newName', { name })}
          initial={name}
          busy={busy}
          onCancel={() => setRenaming(null)}
          onSave={(newName) =>
            void run(
              () => api().call('taxonomy.saveCategory', { id: category.id, name: newName, approach: category.approach, recoverable: category.recoverable }),
              setTaxonomy,
              t('playbook.taxonomy.renamedEverywhere', { name: newName.trim() }),
            ).then((ok) => ok && setRenaming(null))
          }
        />
      ) : (
        <h4>
          {name}
          {category.retired && <span className="badge">{t('playbook.retiredBadge')}</span>}
          {!category.recoverable && <span className="badge">{t('playbook.taxonomy.neverCalled')}</span>}
        </h4>
      )}
      <p className="muted">
        <Trans i18nKey="playbook.taxonomy.idAndApproach" values={{ id: category.id, approach }} components={{ 0: <code translate="no" /> }} />
      </p>
      <div className="row-actions">
        <button type="button" onClick={() => setRenaming(category.id)} aria-label={t('playbook.taxonomy.renameNamed', { name })}>
          {t('playbook.taxonomy.rename')}
        </button>
        {namesButton(category.id, name)}
        <RetireToggle
          name={name}
          retired={category.retired}
          busy={busy}
          onToggle={() =>
            void run(
              () => api().call('taxonomy.retireCategory', { id: category.id, retired: !category.retired }),
              setTaxonomy,
              category.retired ? t('playbook.taxonomy.offeredAgain', { name }) : t('playbook.taxonomy.retired', { name }),
            )
          }
        />
      </div>
      {naming === category.id && namesForm('category', category.id, name)}
      <ul aria-label={t('playbook.taxonomy.reasonsIn', { name })}>
        {localiseTaxonomy(t, [category])[0]?.reasons.map((r) => (
          <li key={r.id} className={r.retired ? 'retired' : ''}>
            {renaming === r.id ? (
              <RenameForm
                label={t('playbook.taxonomy.newName', { name: r.name })}
                initial={r.name}
                busy={busy}
                onCancel={() => setRenaming(null)}
                onSave={(newName) =>
                  void run(() => api().call('taxonomy.saveReason', { id: r.id, categoryId: category.id, name: newName }), setTaxonomy, t('playbook.taxonomy.renamed', { name: newName.trim() })).then(
                    (ok) => ok && setRenaming(null),
                  )
                }
              />
            ) : (
              <>
                {r.name}
                {r.retired && <span className="badge">{t('playbook.retiredBadge')}</span>}{' '}
                <button type="button" className="link" onClick={() => setRenaming(r.id)} aria-label={t('playbook.taxonomy.renameNamed', { name: r.name })}>
                  {t('playbook.taxonomy.rename')}
                </button>{' '}
                {namesButton(r.id, r.name, 'link')}{' '}
                <RetireToggle
                  className="link"
                  name={r.name}
                  retired={r.retired}
                  busy={busy}
                  onToggle={() =>
                    void run(
                      () => api().call('taxonomy.retireReason', { id: r.id, retired: !r.retired }),
                      setTaxonomy,
                      r.retired ? t('playbook.taxonomy.offeredAgain', { name: r.name }) : t('playbook.taxonomy.retired', { name: r.name }),
                    )
                  }
                />
                {naming === r.id && namesForm('reason', r.id, r.name)}
              </>
            )}
          </li>
        ))}
      </ul>
      {!category.retired && (
        <form onSubmit={addReason} className="inline-form">
          <label htmlFor={`${id}-new`}>{t('playbook.taxonomy.newReason', { name })}</label>
          <input id={`${id}-new`} value={newReason} maxLength={120} onChange={(e) => setNewReason(e.target.value)} />
          <button type="submit" disabled={busy}>
            {t('playbook.taxonomy.addReason')}
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
  const { t } = useTranslation();
  if (!taxonomy) return <p aria-busy="true">{t('playbook.taxonomy.loading')}</p>;
  return (
    <section aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('playbook.taxonomy.title')}</h3>
      <ul className="taxonomy" aria-label={t('playbook.taxonomy.categories')}>
        {taxonomy.map((c) => (
          <CategoryBlock key={c.id} category={c} data={data} />
        ))}
      </ul>
      <form
        className="stack-form"
        onSubmit={(e) => {
          e.preventDefault();
          void run(() => api().call('taxonomy.saveCategory', { name, approach, recoverable }), setTaxonomy, t('playbook.taxonomy.categoryAdded', { name: name.trim() })).then((ok) => {
            if (ok) {
              setName('');
              setApproach('');
              setRecoverable(true);
            }
          });
        }}
      >
        <h4>{t('playbook.taxonomy.addCategoryTitle')}</h4>
        <label htmlFor={`${id}-name`}>{t('playbook.taxonomy.categoryName')}</label>
        <input id={`${id}-name`} value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
        <label htmlFor={`${id}-approach`}>{t('playbook.taxonomy.approach')}</label>
        <input id={`${id}-approach`} value={approach} maxLength={1000} onChange={(e) => setApproach(e.target.value)} />
        <label className="checkbox">
          <input type="checkbox" checked={recoverable} onChange={(e) => setRecoverable(e.target.checked)} />
          {t('playbook.taxonomy.recoverable')}
        </label>
        <button type="submit" disabled={busy}>
          {t('playbook.taxonomy.addCategory')}
        </button>
      </form>
    </section>
  );
}
