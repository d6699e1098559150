/** The columns of a customer row that every view of the customer shows under the same names. */
export interface CustomerProfileColumns {
  external_id: string;
  name: string | null;
  company: string | null;
  phone: string | null;
  email: string | null;
  segment: string | null;
  product: string | null;
  monthly_revenue: number | null;
  tenure_months: number | null;
  departed_at: string | null;
  frontline_rep: string | null;
  frontline_team: string | null;
  notes: string | null;
}

/**
 * Who the customer is and what they were worth, in the API's names. The customer card, the call
 * briefing and the hub's assignments add what is particular to each (time zone, reason, cycle).
 */
export function customerProfile(row: CustomerProfileColumns) {
  return {
    externalId: row.external_id,
    name: row.name,
    company: row.company,
    phone: row.phone,
    email: row.email,
    segment: row.segment,
    product: row.product,
    monthlyRevenue: row.monthly_revenue,
    tenureMonths: row.tenure_months,
    departedAt: row.departed_at,
    frontlineRep: row.frontline_rep,
    frontlineTeam: row.frontline_team,
    notes: row.notes,
  };
}
