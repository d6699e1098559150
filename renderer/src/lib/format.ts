const money = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD' });

export function formatMoney(value: number | null): string {
  return value === null ? '—' : money.format(value);
}

export function formatDate(iso: string | null): string {
  return iso ? new Date(iso).toLocaleDateString() : '—';
}
