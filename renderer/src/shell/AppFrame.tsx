import { useEffect } from 'react';
import { useAppStore } from '../store/index';
import { MANAGER_VIEWS, VIEWS, VIEW_LABELS, type View } from '../store/navigationSlice';
import { ROLE_LABELS } from '../../../shared/domain/roles';
import { StatusArea } from '../components/StatusArea';
import { ThemeSwitcher } from '../components/ThemeSwitcher';
import { useAppliedTheme } from '../components/useTheme';
import { useMenuCommands } from '../components/useMenuCommands';
import { ViewBoundary } from '../components/ViewBoundary';
import { QueueContainer } from '../views/Queue';
import { AdminContainer, BoardView, CallView, CareView, FeedbackView, IssuesView, OutreachView, preloadViews, TrendsView } from '../views/lazyViews';
import { PresenceControl } from '../components/PresenceControl';
import { useResumeOpenCall } from '../views/call/useResumeOpenCall';

function ViewContent({ view }: { view: View }) {
  switch (view) {
    case 'queue':
      return <QueueContainer />;
    case 'call':
      return <CallView />;
    case 'trends':
      return <TrendsView />;
    case 'issues':
      return <IssuesView />;
    case 'outreach':
      return <OutreachView />;
    case 'feedback':
      return <FeedbackView />;
    case 'care':
      return <CareView />;
    case 'board':
      return <BoardView />;
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
  useEffect(() => {
    // Opened elsewhere than the Queue (a call resumed, say): the other views load in the background.
    if (view !== 'queue') preloadViews();
  }, [view]);
  const views = VIEWS.filter((v) => user?.role === 'manager' || !MANAGER_VIEWS.includes(v));
  return (
    <div className="frame">
      <header className="topbar">
        <span className="brand">Winback Console</span>
        <nav aria-label="Main">
          <ul className="nav-list">
            {views.map((v) => (
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
        {user && <PresenceControl />}
        <ThemeSwitcher />
      </header>
      {session?.demo && !session.callingHoursEnforced && (
        <p className="banner" role="note">
          Demo data: the calling-hours rule is off so the demo can be tried at any hour. Names and phone
          numbers are fictional.
        </p>
      )}
      <main className="content" aria-label={VIEW_LABELS[view]}>
        <ViewBoundary view={view}>
          <ViewContent view={view} />
        </ViewBoundary>
      </main>
      <footer className="footer">
        <StatusArea />
      </footer>
    </div>
  );
}
