import './playbook.css';
import { useTranslation } from 'react-i18next';
import { OffersEditor } from './OffersEditor';
import { RulesEditor } from './RulesEditor';
import { TaxonomyEditor } from './TaxonomyEditor';
import { usePlaybookData } from './usePlaybookData';

/** The manager's playbook: why customers leave (taxonomy) and what brings them back (offers and rules). */
export function PlaybookSection() {
  const data = usePlaybookData();
  const { t } = useTranslation();
  return (
    <section className="playbook" aria-labelledby="playbook-title">
      <h2 id="playbook-title">{t('playbook.title')}</h2>
      <p className="muted">{t('playbook.intro')}</p>
      <TaxonomyEditor data={data} />
      <OffersEditor data={data} />
      <RulesEditor data={data} />
    </section>
  );
}
