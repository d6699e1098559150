import { useCallback, useEffect, useState } from 'react';
import type { TaxonomyCategory } from '../../../../shared/api/call';
import type { Playbook } from '../../../../shared/api/playbook';
import { api } from '../../api/client';
import { useAppStore } from '../../store';

/** The taxonomy and playbook for the manager's editors; every change answers with the new lists. */
export function usePlaybookData() {
  const reportError = useAppStore((s) => s.reportError);
  const notify = useAppStore((s) => s.notify);
  const showTaxonomyNames = useAppStore((s) => s.showTaxonomyNames);
  const [taxonomy, setTaxonomy] = useState<TaxonomyCategory[] | null>(null);
  const [playbook, setPlaybook] = useState<Playbook | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    // The own names per language come along: the editor shows and edits them beside each entry.
    Promise.all([api().call('taxonomy.list', {}), api().call('playbook.list', {}), api().call('taxonomy.names', {})])
      .then(([t, p, names]) => {
        setTaxonomy(t);
        setPlaybook(p);
        showTaxonomyNames(names);
      })
      .catch(reportError);
  }, [reportError, showTaxonomyNames]);

  /** Runs a change; resolves true when it was saved so forms can clear themselves. */
  const run = useCallback(
    async <T,>(change: () => Promise<T>, apply: (value: T) => void, done: string): Promise<boolean> => {
      setBusy(true);
      try {
        apply(await change());
        notify('info', done);
        return true;
      } catch (error) {
        reportError(error);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [notify, reportError],
  );

  return { taxonomy, playbook, busy, setTaxonomy, setPlaybook, run };
}

export type PlaybookData = ReturnType<typeof usePlaybookData>;
