import './playbook.css';
import { OffersEditor } from './OffersEditor';
import { RulesEditor } from './RulesEditor';
import { TaxonomyEditor } from './TaxonomyEditor';
import { usePlaybookData } from './usePlaybookData';

/** The manager's playbook: why customers leave (taxonomy) and what brings them back (offers and rules). */
export function PlaybookSection() {
  const data = usePlaybookData();
  return (
    <section className="playbook" aria-labelledby="playbook-title">
      <h2 id="playbook-title">Playbook and reasons</h2>
      <p className="muted">
        Changes apply to calls started from now on. Retired reasons and offers stay on earlier calls and in reports; ids never change.
      </p>
      <TaxonomyEditor data={data} />
      <OffersEditor data={data} />
      <RulesEditor data={data} />
    </section>
  );
}
