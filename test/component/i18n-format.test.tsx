import { render, screen } from '@testing-library/react';
import { useTranslation } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { applyLanguage } from '../../renderer/src/i18n';
import { formatCount, formatDay, formatMoney, formatPercent } from '../../renderer/src/lib/format';

afterEach(() => applyLanguage('en', 'USD'));

function Customers({ count }: { count: number }) {
  const { t } = useTranslation();
  return <p>{t('count.customers', { count })}</p>;
}

/** Intl writes a narrow no-break space in French numbers and before the euro sign; compared as plain spaces. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('the window in each language', () => {
  it('English with dollars', async () => {
    await applyLanguage('en', 'USD');
    expect(formatMoney(1234.56)).toBe('$1,234.56');
    expect(formatDay('2026-02-28')).toBe('Feb 28, 2026');
    render(<Customers count={1} />);
    expect(screen.getByText('1 customer')).toBeInTheDocument();
  });

  it('German with euros: "1.234,56 €", the day first, and its plural', async () => {
    await applyLanguage('de', 'EUR');
    expect(plain(formatMoney(1234.56))).toBe('1.234,56 €');
    expect(formatDay('2026-02-28')).toBe('28.02.2026');
    expect(formatCount(12345)).toBe('12.345');
    expect(plain(formatPercent(0.123))).toBe('12,3 %');
    render(<Customers count={2} />);
    expect(screen.getByText('2 Kunden')).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('de');
  });

  it('Spanish with euros, and the plural for a million', async () => {
    await applyLanguage('es', 'EUR');
    expect(plain(formatMoney(1234.56))).toBe('1234,56 €');
    expect(plain(formatMoney(12345.5))).toBe('12.345,50 €');
    expect(formatDay('2026-02-28')).toBe('28 feb 2026');
    render(<Customers count={1_000_000} />);
    expect(screen.getByText('1.000.000 de clientes')).toBeInTheDocument();
  });

  it('French with Canadian dollars', async () => {
    await applyLanguage('fr', 'CAD');
    expect(plain(formatMoney(1234.56))).toBe('1 234,56 $CA');
    expect(plain(formatDay('2026-02-28'))).toBe('28 févr. 2026');
    render(<Customers count={0} />);
    expect(screen.getByText('0 client')).toBeInTheDocument();
  });

  it('mirrors the page for the right-to-left pseudo-language', async () => {
    await applyLanguage('ar-XB', 'USD');
    expect(document.documentElement.dir).toBe('rtl');
    render(<Customers count={3} />);
    expect(screen.getByText(/⟦.*⟧/)).toBeInTheDocument();
    await applyLanguage('en', 'USD');
    expect(document.documentElement.dir).toBe('ltr');
  });
});
