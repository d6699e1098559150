import { useEffect, useState } from 'react';
import type { Person } from '../../../shared/api/session';
import { ROLE_LABELS } from '../../../shared/domain/roles';
import { api } from '../api/client';
import { useAppStore } from '../store';
import { AdminSections } from './admin/AdminSections';
import { HubSettingsContainer } from './admin/HubSettings';

export function PeopleTable({ people }: { people: Person[] }) {
  return (
    <table>
      <caption>People on this console</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Role</th>
        </tr>
      </thead>
      <tbody>
        {people.map((p) => (
          <tr key={p.id}>
            <td>{p.name}</td>
            <td>{ROLE_LABELS[p.role]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function AdminContainer() {
  const session = useAppStore((s) => s.session);
  const reportError = useAppStore((s) => s.reportError);
  const [people, setPeople] = useState<Person[]>([]);
  useEffect(() => {
    api().call('people.list', {}).then(setPeople).catch(reportError);
  }, [reportError]);
  return (
    <section className="card admin-page" aria-labelledby="admin-title">
      <h1 id="admin-title">Admin</h1>
      <p>
        Console version {session?.appVersion}. {session?.demo ? 'This console holds the demo data.' : ''}
      </p>
      <PeopleTable people={people} />
      <AdminSections />
      <HubSettingsContainer />
    </section>
  );
}
