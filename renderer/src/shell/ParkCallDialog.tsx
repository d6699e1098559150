import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store';

/** Another call asked for while one is open: nothing is parked without the person saying so. */
export function ParkCallDialog() {
  const { t } = useTranslation();
  const request = useAppStore((s) => s.parkRequest);
  const confirm = useAppStore((s) => s.confirmPark);
  const cancel = useAppStore((s) => s.cancelPark);
  const stayRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (request) stayRef.current?.focus();
  }, [request]);
  if (!request) return null;
  return (
    <div className="overlay">
      <div
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="park-title"
        aria-describedby="park-text"
        className="dialog"
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            cancel();
          }
        }}
      >
        <h2 id="park-title">{t('components.park.title')}</h2>
        <p id="park-text">{t('components.park.text', { from: request.from, to: request.to })}</p>
        <div className="call-actions">
          <button type="button" className="primary" onClick={() => void confirm()}>
            {t('components.park.confirm', { to: request.to })}
          </button>
          <button ref={stayRef} type="button" onClick={cancel}>
            {t('components.park.stay', { from: request.from })}
          </button>
        </div>
      </div>
    </div>
  );
}
