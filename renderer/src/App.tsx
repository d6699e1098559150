import { useEffect, useRef, useState } from 'react';
import { useAppStore } from './store';
import { FirstRunContainer, RecoveryContainer } from './views/lazyViews';
import { AppFrame } from './shell/AppFrame';
import { ViewBoundary } from './components/ViewBoundary';
import { Notices } from './components/Notices';
import { afterFirstRows, holdUntilFirstRows } from './lib/afterFirstRows';

/** How long the opening console waits for the queue's rows, beside the language, before drawing without them. */
const QUEUE_WAIT_MS = 150;

export function App() {
  const loadSession = useAppStore((s) => s.loadSession);
  const checkHealth = useAppStore((s) => s.checkHealth);
  const loadLocale = useAppStore((s) => s.loadLocale);
  const loadTaxonomyNames = useAppStore((s) => s.loadTaxonomyNames);
  const sessionLoading = useAppStore((s) => s.sessionLoading);
  const user = useAppStore((s) => s.session?.user ?? null);
  const damaged = useAppStore((s) => s.health?.state === 'damaged');
  const [starting, setStarting] = useState(true);
  // Whose language is on screen: read at the start for whoever the session had, then for each person
  // who signs in. `undefined` until the start has read it.
  const localeReadFor = useRef<string | null | undefined>(undefined);

  useEffect(() => {
    // Only when the session cannot be read is the database's health asked: a damaged database
    // answers every other channel with an error, and gets the recovery screen, not an empty console.
    // The language's catalogue loads meanwhile: nothing is shown before its words are there.
    // A person signed in opens on the Queue: its rows are asked for now, beside the language, so
    // they are there when the Queue is first drawn instead of being asked for after it.
    const session = loadSession().then(() => {
      const state = useAppStore.getState();
      if (state.session === null) return checkHealth();
      if (state.session.user && state.view === 'queue') {
        holdUntilFirstRows();
        // The frame is first drawn with the rows when they come soon enough: drawn before them, it
        // is laid out twice, once empty and once with the rows.
        return Promise.race([state.loadQueueAtStart(), new Promise((resolve) => setTimeout(resolve, QUEUE_WAIT_MS))]);
      }
      return undefined;
    });
    void Promise.all([session, loadLocale()]).finally(() => {
      localeReadFor.current = useAppStore.getState().session?.user?.id ?? null;
      setStarting(false);
    });
  }, [loadSession, checkHealth, loadLocale]);

  // Whoever signs in (first run, or another person on a shared desk) gets their own language. The
  // person signed in at the start already has theirs: asking again would put one more request beside
  // the Queue's own while it first paints.
  const userId = user?.id ?? null;
  useEffect(() => {
    if (starting) return;
    // Signed out: whoever signs in next, even the same person, is read again.
    if (userId === null) localeReadFor.current = null;
    if (userId === null || userId === localeReadFor.current) return;
    localeReadFor.current = userId;
    void loadLocale();
  }, [starting, userId, loadLocale]);
  // A manager's own reason names per language, for every desk signed in (the first-run screen names no reason).
  useEffect(() => {
    if (!starting && userId !== null) afterFirstRows(() => void loadTaxonomyNames());
  }, [starting, userId, loadTaxonomyNames]);

  if (sessionLoading || starting) {
    return (
      // No words yet: the language's catalogue may still be on its way.
      <main className="centered" aria-busy="true" aria-label="Winback Console">
        <p className="opening" aria-hidden="true">…</p>
      </main>
    );
  }
  return (
    <>
      {/* The console's frame shows notices in a strip of its own; before it, they go here. */}
      {!(user && !damaged) && <Notices />}
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
