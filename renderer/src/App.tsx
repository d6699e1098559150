import { useEffect, useState } from 'react';
import { useAppStore } from './store';
import { FirstRunContainer, RecoveryContainer } from './views/lazyViews';
import { AppFrame } from './shell/AppFrame';
import { ViewBoundary } from './components/ViewBoundary';
import { Notices } from './components/Notices';

export function App() {
  const loadSession = useAppStore((s) => s.loadSession);
  const checkHealth = useAppStore((s) => s.checkHealth);
  const sessionLoading = useAppStore((s) => s.sessionLoading);
  const user = useAppStore((s) => s.session?.user ?? null);
  const damaged = useAppStore((s) => s.health?.state === 'damaged');
  const [starting, setStarting] = useState(true);

  useEffect(() => {
    // Only when the session cannot be read is the database's health asked: a damaged database
    // answers every other channel with an error, and gets the recovery screen, not an empty console.
    void loadSession()
      .then(() => (useAppStore.getState().session === null ? checkHealth() : undefined))
      .finally(() => setStarting(false));
  }, [loadSession, checkHealth]);

  if (sessionLoading || starting) {
    return (
      <main className="centered" aria-busy="true">
        <p>Opening the console…</p>
      </main>
    );
  }
  return (
    <>
      <Notices />
      {damaged ? (
        <ViewBoundary view="recovery">
          <RecoveryContainer />
        </ViewBoundary>
      ) : user ? (
        <AppFrame />
      ) : (
        <ViewBoundary view="first-run">
          <FirstRunContainer />
        </ViewBoundary>
      )}
    </>
  );
}
