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
import { RetentionSection } from './RetentionSection';
import { PlaybookSection } from '../playbook/PlaybookSection';
import { TemplatesSection } from '../outreach/TemplatesSection';
import { DeliverySettings } from '../outreach/DeliverySettings';
import { PassphraseSection } from './PassphraseSection';
import { CurrencySection } from './CurrencySection';
import { CustomerLanguageSection } from './CustomerLanguageSection';
import './admin.css';

const SECTIONS = {
  import: { label: (t: TFunction) => t('admin.sections.import'), render: () => <ImportSection /> },
  unmapped: { label: (t: TFunction) => t('admin.sections.unmapped'), render: () => <UnmappedReasonsSection /> },
  cycles: { label: (t: TFunction) => t('admin.sections.cycles'), render: () => <CyclesSection /> },
  selection: { label: (t: TFunction) => t('admin.sections.selection'), render: () => <SelectionSection /> },
  assignment: { label: (t: TFunction) => t('admin.sections.assignment'), render: () => <AssignmentSection /> },
  contact: { label: (t: TFunction) => t('admin.sections.contact'), render: () => <ContactRulesSection /> },
  permissions: { label: (t: TFunction) => t('admin.sections.permissions'), render: () => <PermissionsSection /> },
  retention: { label: (t: TFunction) => t('admin.sections.retention'), render: () => <RetentionSection /> },
  playbook: { label: (t: TFunction) => t('admin.sections.playbook'), render: () => <PlaybookSection /> },
  templates: { label: (t: TFunction) => t('admin.sections.templates'), render: () => <TemplatesSection /> },
  delivery: { label: (t: TFunction) => t('admin.sections.delivery'), render: () => <DeliverySettings /> },
  currency: {
    label: (t: TFunction) => t('currency.label'),
    // The organisation's settings for what its customers read: amounts, and the language written to them.
    render: () => (
      <>
        <CurrencySection />
        <CustomerLanguageSection />
      </>
    ),
  },
  desk: { label: (t: TFunction) => t('admin.sections.desk'), render: () => <PassphraseSection /> },
} as const;
type SectionKey = keyof typeof SECTIONS;

/** The manager's part of Admin, one section at a time. Other roles do not see it. */
export function AdminSections() {
  const role = useAppStore((s) => s.session?.user?.role);
  const [open, setOpen] = useState<SectionKey>('import');
  const { t } = useTranslation();
  if (role !== 'manager') return null;
  return (
    <div className="admin-sections">
      <nav aria-label={t('admin.sections.label')}>
        <ul className="nav-list">
          {(Object.keys(SECTIONS) as SectionKey[]).map((key) => (
            <li key={key}>
              <button
                type="button"
                className="nav-button"
                aria-current={open === key ? 'true' : undefined}
                onClick={() => setOpen(key)}
              >
                {SECTIONS[key].label(t)}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      {SECTIONS[open].render()}
    </div>
  );
}
