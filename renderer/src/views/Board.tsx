import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store';
import { DEFAULT_BOARD_THRESHOLDS } from '../../../shared/api/presence';
import { PRESENCE_EXPIRY_MS } from '../../../shared/sync/board';
import { formatTime } from './board/boardWords';
import { FloorTable, FloorTotals } from './board/FloorTable';
import { PauseReasonsEditor, ThresholdsForm } from './board/BoardSettings';
import { PauseTime } from './board/PauseTime';
import './board/board.css';

/**
 * How often the board is read from the hub. Polling, not server-sent events: every hub instance
 * answers from the same store, so any instance behind the proxy serves any read, and a board read
 * costs a few milliseconds (docs/hub.md has the measured figures).
 */
export const BOARD_POLL_MS = 2_000;

/** The floor, live: the manager's view of who is doing what, and for how long. */
export function BoardView() {
  const board = useAppStore((s) => s.board);
  const readAt = useAppStore((s) => s.boardReadAt);
  const error = useAppStore((s) => s.boardError);
  const loadBoard = useAppStore((s) => s.loadBoard);
  const thresholds = useAppStore((s) => s.boardThresholds);
  const loadThresholds = useAppStore((s) => s.loadBoardThresholds);
  const saveThresholds = useAppStore((s) => s.saveBoardThresholds);
  const presence = useAppStore((s) => s.presence);
  const savePauseReasons = useAppStore((s) => s.savePauseReasons);
  const hubConfigured = useAppStore((s) => s.syncStatus?.hubConfigured ?? false);
  // Known to have no hub: there is no board to read, and the view says so in the person's language.
  const noHub = useAppStore((s) => s.syncStatus !== null && !s.syncStatus.hubConfigured);
  const [nowMs, setNowMs] = useState(() => Date.now());
  const { t } = useTranslation();
  useEffect(() => {
    void loadThresholds();
  }, [loadThresholds]);
  useEffect(() => {
    if (noHub) return undefined;
    void loadBoard();
    const poll = setInterval(() => void loadBoard(), BOARD_POLL_MS);
    const tick = setInterval(() => setNowMs(Date.now()), 1_000);
    return () => {
      clearInterval(poll);
      clearInterval(tick);
    };
  }, [loadBoard, noHub]);
  const elapsed = board ? Math.max(0, Math.floor((nowMs - readAt) / 1000)) : 0;
  return (
    <section aria-labelledby="board-title">
      <h1 id="board-title">{t('board.title')}</h1>
      {noHub && <p>{t('board.noHub')}</p>}
      {!noHub && error && (
        <p role="alert" className="board-stale">
          {board ? t('board.staleAt', { error, time: formatTime(readAt) }) : error}
        </p>
      )}
      {noHub ? null : board ? (
        <>
          <FloorTotals board={board} />
          <FloorTable board={board} thresholds={thresholds ?? DEFAULT_BOARD_THRESHOLDS} elapsed={elapsed} />
          <p className="muted">{t('board.polling', { count: BOARD_POLL_MS / 1000, silent: PRESENCE_EXPIRY_MS / 1000 })}</p>
        </>
      ) : (
        !error && <p>{t('board.reading')}</p>
      )}
      <section className="board-section" aria-labelledby="thresholds-title">
        <h2 id="thresholds-title">{t('board.thresholdsTitle')}</h2>
        {thresholds && <ThresholdsForm value={thresholds} onSave={saveThresholds} />}
      </section>
      <section className="board-section" aria-labelledby="pause-reasons-title">
        <h2 id="pause-reasons-title">{t('board.pauseReasonsTitle')}</h2>
        <p>{hubConfigured ? t('board.pauseReasonsHelpHub') : t('board.pauseReasonsHelp')}</p>
        {presence && <PauseReasonsEditor value={presence.pauseReasons} onSave={savePauseReasons} />}
      </section>
      <section className="board-section" aria-labelledby="pause-time-title">
        <h2 id="pause-time-title">{t('board.pauseTimeTitle')}</h2>
        <PauseTime hubConfigured={hubConfigured} />
      </section>
    </section>
  );
}
