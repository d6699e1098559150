import { useAppStore } from '../store';
import { VIEWS, VIEW_LABELS, type View } from '../store/navigationSlice';
import { ROLE_LABELS } from '../../../shared/domain/roles';
import { StatusArea } from './StatusArea';
import { ThemeSwitcher } from './ThemeSwitcher';
import { useAppliedTheme } from './useTheme';
import { useMenuCommands } from './useMenuCommands';
import { QueueContainer } from '../views/Queue';
import { CallView } from '../views/Call';
import { TrendsView } from '../views/Trends';
import { CareView } from '../views/Care';
import { AdminContainer } from '../views/Admin';
import { useResumeOpenCall } from '../views/call/useResumeOpenCall';

function ViewContent({ view }: { view: View }) {
  switch (view) {
    case 'queue':
      return <QueueContainer />;
    case 'call':
      return <CallView />;
    case 'trends':
      return <TrendsView />;
    case 'care':
      return <CareView />;
    case 'admin':
      return <AdminContainer />;
  }
}

export function AppFrame() {
  const view = useAppStore((s) => s.view);
  const go = useAppStore((s) => s.go);
  const session = useAppStore((s) => s.session);
  const user = session?.user;
  useResumeOpenCall();
  useAppliedTheme();
  useMenuCommands();
  return (
    <div className="frame">
      <header className="topbar">
        <span className="brand">Winback Console</span>
        <nav aria-label="Main">
          <ul className="nav-list">
            {VIEWS.map((v) => (
              <li key={v}>
                <button
                  type="button"
                  className="nav-button"
                  aria-current={view === v ? 'page' : undefined}
                  onClick={() => go(v)}
                >
                  {VIEW_LABELS[v]}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        {user && (
          <span className="whoami">
            {user.name} · {ROLE_LABELS[user.role]}
          </span>
        )}
        <ThemeSwitcher />
      </header>
      {session?.demo && !session.callingHoursEnforced && (
        <p className="banner" role="note">
          Demo data: the calling-hours rule is off so the demo can be tried at any hour. Names and phone
          numbers are fictional.
        </p>
      )}
      <main className="content" aria-label={VIEW_LABELS[view]}>
        <ViewContent view={view} />
      </main>
      <footer className="footer">
        <StatusArea />
      </footer>
    </div>
  );
}
