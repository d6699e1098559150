import { useEffect } from 'react';
import { useAppStore } from '../../store';
import { afterFirstRows } from '../../lib/afterFirstRows';

/** Once per window: a call left open by a crash or a closed window comes straight back, with a notice. */
export function useResumeOpenCall(): void {
  const resume = useAppStore((s) => s.resumeOpenCall);
  useEffect(() => {
    afterFirstRows(() => void resume());
  }, [resume]);
}
