import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallingStatus } from '../../../../shared/api/contactPolicy';
import { api } from '../../api/client';

/** Asked again every minute: calling hours can end while a call is open. */
const RECHECK_MS = 60_000;

/**
 * The call screen says where the call stands with the customer's calling hours: started outside
 * them with a reason (the manager's policy allowed it), or the hours ended while the call was open.
 * Quiet inside calling hours.
 */
export function CallingHoursNotice({ customerId, callId }: { customerId: number; callId: string }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<CallingStatus | null>(null);
  useEffect(() => {
    let live = true;
    const check = () => {
      api()
        .call('contactPolicy.status', { customerId, callId })
        .then((s) => live && setStatus(s))
        .catch(() => {
          // The draft status line already says when the backend is not answering.
        });
    };
    check();
    const timer = setInterval(check, RECHECK_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [customerId, callId]);
  if (!status) return null;
  if (status.openedOutsideHoursBecause !== null) {
    return (
      <p className="calling-hours-warning" role="status">
        {t('call.hours.startedOutside', { time: status.localTime, reason: status.openedOutsideHoursBecause })}
      </p>
    );
  }
  // Calling hours ended while the call was open (not the retry wait or the ledger): said from the facts.
  if (!status.callableNow && status.why?.key.startsWith('why.hours.')) {
    return (
      <p className="calling-hours-warning" role="status">
        {t('call.hours.ended', { time: status.localTime, zone: status.timeZone })}
      </p>
    );
  }
  return null;
}
