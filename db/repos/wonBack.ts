/**
 * Whether a departed customer has been won back: the one rule every outreach query uses, so the
 * returns import (customers found active again, with the date and their revenue after return) is
 * added here once and reaches the audience, the "after the fix" figures and the reports.
 *
 * For now a customer is won back when their latest call ended Recovered, and came back after a
 * moment when a call completed after it ended Recovered.
 *
 * `customer` is the SQL expression of the customer's id (for example `c.id`); `after`, when given,
 * is the SQL expression of the instant (ISO text) from which a return counts.
 */
export function wonBackSql(customer: string, after?: string): string {
  if (after !== undefined) {
    return `EXISTS (SELECT 1 FROM calls wb WHERE wb.customer_id = ${customer} AND wb.outcome = 'recovered' AND wb.completed_at > ${after})`;
  }
  return `coalesce((SELECT wb.outcome FROM calls wb WHERE wb.customer_id = ${customer}
    ORDER BY wb.completed_at DESC, wb.id DESC LIMIT 1) = 'recovered', 0)`;
}
