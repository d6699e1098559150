import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useAppStore } from '../../store';
import { ImportSection } from './ImportSection';
import { UnmappedReasonsSection } from './UnmappedReasonsSection';
import { CyclesSection } from './CyclesSection';
import { SelectionSection } from './SelectionSection';
import { AssignmentSection } from './AssignmentSection';
import { ContactRulesSection } from './ContactRulesSection';
import { PermissionsSection } from './PermissionsSection';
import { PlaybookSection } from '../playbook/PlaybookSection';
import { TemplatesSection } from '../outreach/TemplatesSection';
import { DeliverySettings } from '../outreach/DeliverySettings';
import { PassphraseSection } from './PassphraseSection';
import { CurrencySection } from './CurrencySection';
import './admin.css';

const SECTIONS = {
  import: { label: 'Import', render: () => <ImportSection /> },
  unmapped: { label: 'Unmapped reasons', render: () => <UnmappedReasonsSection /> },
  cycles: { label: 'Cycles', render: () => <CyclesSection /> },
  selection: { label: 'Whom to call', render: () => <SelectionSection /> },
  assignment: { label: 'Assignment', render: () => <AssignmentSection /> },
  contact: { label: 'Contact rules', render: () => <ContactRulesSection /> },
  permissions: { label: 'Contact permissions', render: () => <PermissionsSection /> },
  playbook: { label: 'Playbook and reasons', render: () => <PlaybookSection /> },
  templates: { label: 'Message templates', render: () => <TemplatesSection /> },
  delivery: { label: 'Outreach delivery', render: () => <DeliverySettings /> },
  // Named from the catalogue (the other sections' names move there with the rest of Admin).
  currency: { label: (t: TFunction) => t('currency.label'), render: () => <CurrencySection /> },
  desk: { label: 'This desk', render: () => <PassphraseSection /> },
} as const;
type SectionKey = keyof typeof SECTIONS;

function labelOf(label: string | ((t: TFunction) => string), t: TFunction): string {
  return typeof label === 'function' ? label(t) : label;
}

/** The manager's part of Admin, one section at a time. Other roles do not see it. */
export function AdminSections() {
  const role = useAppStore((s) => s.session?.user?.role);
  const [open, setOpen] = useState<SectionKey>('import');
  const { t } = useTranslation();
  if (role !== 'manager') return null;
  return (
    <div className="admin-sections">
      <nav aria-label="Admin sections">
        <ul className="nav-list">
          {(Object.keys(SECTIONS) as SectionKey[]).map((key) => (
            <li key={key}>
              <button
                type="button"
                className="nav-button"
                aria-current={open === key ? 'true' : undefined}
                onClick={() => setOpen(key)}
              >
                {labelOf(SECTIONS[key].label, t)}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      {SECTIONS[open].render()}
    </div>
  );
}
