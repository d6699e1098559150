import { useEffect } from 'react';
import { useAppStore } from './store';
import { FirstRunContainer } from './views/FirstRun';
import { AppFrame } from './components/AppFrame';
import { Notices } from './components/Notices';

export function App() {
  const loadSession = useAppStore((s) => s.loadSession);
  const sessionLoading = useAppStore((s) => s.sessionLoading);
  const user = useAppStore((s) => s.session?.user ?? null);

  useEffect(() => {
    void loadSession();
  }, [loadSession]);

  if (sessionLoading) {
    return (
      <main className="centered" aria-busy="true">
        <p>Opening the console…</p>
      </main>
    );
  }
  return (
    <>
      <Notices />
      {user ? <AppFrame /> : <FirstRunContainer />}
    </>
  );
}
