import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../../shared/api/session';
import { api } from '../api/client';
import { useAppStore } from '../store';
import { AdminSections } from './admin/AdminSections';
import { HubSettingsContainer } from './admin/HubSettings';

export function PeopleTable({ people }: { people: Person[] }) {
  const { t } = useTranslation();
  return (
    <table>
      <caption>{t('admin.people.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('admin.people.name')}</th>
          <th scope="col">{t('admin.people.role')}</th>
        </tr>
      </thead>
      <tbody>
        {people.map((p) => (
          <tr key={p.id}>
            <td>{p.name}</td>
            <td>{t(`role.${p.role}`)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function AdminContainer() {
  const { t } = useTranslation();
  const session = useAppStore((s) => s.session);
  const reportError = useAppStore((s) => s.reportError);
  const [people, setPeople] = useState<Person[]>([]);
  useEffect(() => {
    api().call('people.list', {}).then(setPeople).catch(reportError);
  }, [reportError]);
  return (
    <section className="card admin-page" aria-labelledby="admin-title">
      <h1 id="admin-title">{t('admin.title')}</h1>
      <p>
        {t('admin.version', { version: session?.appVersion ?? '' })} {session?.demo ? t('admin.demo') : ''}
      </p>
      <PeopleTable people={people} />
      <AdminSections />
      <HubSettingsContainer />
    </section>
  );
}
