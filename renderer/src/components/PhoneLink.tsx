import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { checkPhoneNumber, dialUrl, MAX_DIGITS, MIN_DIGITS, PHONE_MAX_LENGTH } from '../../../shared/domain/phone';
import type { ContactBlock } from '../../../shared/domain/permissions';
import { formatDate } from '../lib/format';
import { api } from '../api/client';
import { isDesktop } from '../api/desktop';
import { useAppStore } from '../store';

export interface PhoneLinkProps {
  number: string | null;
  /** The key that dials it where there is one (Alt+D in a call). */
  shortcut?: string;
  /** The customer it is dialled for: the backend checks the ledger for them too. */
  customerId?: number;
  /** What the contact-permission ledger says against calling: the button says so and opens nothing. */
  block?: ContactBlock | null;
}

/** "Blocked: do not call, since 12 Nov 2026, by Mia Manager", in the person's language. */
export function blockedWords(t: TFunction, block: ContactBlock, channel: 'call' | 'email'): string {
  const scope = block.scope === 'all' ? 'all' : channel;
  return t('components.blocked', { what: t(`components.scope.${scope}`), since: formatDate(block.since), by: block.by });
}

/**
 * A customer's phone number, ready to dial. In the desktop console it asks the main process to open
 * the desk's phone app (tel:, sip: or callto:, as set in the File menu); in a browser it is a plain
 * tel: link. A number that is not plainly a phone number stays text and says why.
 */
export function PhoneLink({ number, shortcut, customerId, block }: PhoneLinkProps) {
  const { t } = useTranslation();
  const reportError = useAppStore((s) => s.reportError);
  if (number === null || number.trim() === '') return <span className="muted">{t('components.phone.none')}</span>;
  if (block) {
    // Disabled, not hidden: the agent sees the number is known and why it is not dialled.
    return (
      <button type="button" className="phone-link phone-blocked" disabled>
        {blockedWords(t, block, 'call')}
      </button>
    );
  }
  const check = checkPhoneNumber(number);
  if (!check.ok) {
    return (
      <span className="phone-invalid">
        {number}{' '}
        <span className="muted">
          {t('components.phone.cannotDial', { why: t(`components.phone.problem.${check.problem}`, { max: PHONE_MAX_LENGTH, min: MIN_DIGITS, maxDigits: MAX_DIGITS }) })}
        </span>
      </span>
    );
  }
  const label = t('components.phone.call', { number });
  if (isDesktop()) {
    const dial = () => {
      api()
        .call('dial.open', { number, ...(customerId !== undefined ? { customerId } : {}) })
        .catch(reportError);
    };
    return (
      <button type="button" className="phone-link" aria-label={label} aria-keyshortcuts={shortcut} onClick={dial}>
        {number}
      </button>
    );
  }
  return (
    <a className="phone-link" href={dialUrl(check.dialable, 'tel')} aria-label={label} aria-keyshortcuts={shortcut}>
      {number}
    </a>
  );
}
