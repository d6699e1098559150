import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/index';
import { MANAGER_VIEWS, VIEWS, type View } from '../store/navigationSlice';
import { StatusArea } from '../components/StatusArea';
import { ThemeSwitcher } from '../components/ThemeSwitcher';
import { LanguageSwitcher } from '../components/LanguageSelect';
import { useAppliedTheme } from '../components/useTheme';
import { useMenuCommands } from '../components/useMenuCommands';
import { ViewBoundary } from '../components/ViewBoundary';
import { QueueContainer } from '../views/Queue';
import { AdminContainer, BoardView, CallView, CareView, FeedbackView, IssuesView, KeepInTouchView, OutreachView, preloadViews, TrendsView } from '../views/lazyViews';
import { PresenceControl } from '../components/PresenceControl';
import { useResumeOpenCall } from '../views/call/useResumeOpenCall';
import { Notices } from '../components/Notices';
import { FloorKeys } from './FloorKeys';
import { ParkCallDialog } from './ParkCallDialog';
import { SwitchPersonDialog } from './SwitchPersonDialog';

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
    case 'keepInTouch':
      return <KeepInTouchView />;
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
  const openTrends = useAppStore((s) => s.openTrends);
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
  const requestFocus = useAppStore((s) => s.requestFocus);
  const [switching, setSwitching] = useState(false);
  const { t } = useTranslation();
  // Trends' reports take a moment over a large console: they are asked for as the pointer rests on
  // or the focus reaches its button, and at the latest as it is clicked, before React draws the view
  // (which then joins that answer instead of asking again).
  const askTrendsAhead = () => {
    if (user && view !== 'trends') void openTrends();
  };
  // Calls started and not completed: the one on screen and those left for later.
  const inProgress = useAppStore((s) => {
    const ids = new Set(s.unfinishedCalls.map((u) => u.customerId));
    if (s.activeCall) ids.add(s.activeCall.session.customer.id);
    return ids.size;
  });
  return (
    <div className="frame">
      <header className="topbar">
        <a
          className="skip-link"
          href={view === 'queue' ? '#queue-listbox' : '#main-content'}
          onClick={(e) => {
            e.preventDefault();
            if (view === 'queue' && document.getElementById('queue-listbox')) requestFocus('queue');
            else document.getElementById('main-content')?.focus();
          }}
        >
          {view === 'queue' ? t('shell.skipToQueue') : t('shell.skipToContent')}
        </a>
        <span className="brand">{t('shell.brand')}</span>
        <nav aria-label={t('shell.mainNav')}>
          <ul className="nav-list">
            {views.map((v) => (
              <li key={v}>
                <button
                  type="button"
                  className="nav-button"
                  aria-current={view === v ? 'page' : undefined}
                  onClick={() => {
                    if (v === 'trends') askTrendsAhead();
                    go(v);
                  }}
                  onPointerEnter={v === 'trends' ? askTrendsAhead : undefined}
                  onFocus={v === 'trends' ? askTrendsAhead : undefined}
                  aria-describedby={v === 'call' && inProgress > 0 ? 'calls-in-progress' : undefined}
                >
                  {t(`shell.view.${v}`)}
                  {v === 'call' && inProgress > 0 && (
                    <span className="nav-badge" aria-hidden="true">
                      {inProgress}
                    </span>
                  )}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        {user && (
          <span className="whoami">
            {t('shell.whoami', { name: user.name, role: t(`role.${user.role}`) })}
          </span>
        )}
        {user && (
          <button type="button" className="link-button" onClick={() => setSwitching(true)}>
            {t('shell.switchPerson')}
          </button>
        )}
        {user && <PresenceControl />}
        <LanguageSwitcher />
        <ThemeSwitcher />
        {inProgress > 0 && (
          <span id="calls-in-progress" className="sr-only">
            {t('shell.callsInProgress', { count: inProgress })}
          </span>
        )}
        {session?.demo && !session.callingHoursEnforced && (
          <p className="banner" role="note">
            {t('shell.demoBanner')}
          </p>
        )}
      </header>
      <Notices />
      <main id="main-content" tabIndex={-1} className="content" aria-label={t(`shell.view.${view}`)}>
        <ViewBoundary view={view}>
          <ViewContent view={view} />
        </ViewBoundary>
      </main>
      <footer className="footer">
        <StatusArea />
      </footer>
      <FloorKeys />
      <ParkCallDialog />
      {switching && <SwitchPersonDialog onClose={() => setSwitching(false)} />}
    </div>
  );
}
