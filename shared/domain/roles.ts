/** Who uses the console. Role decides which views and channels a person may use. */
export const ROLES = ['agent', 'executive', 'manager'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  agent: 'Recovery agent',
  executive: 'Executive',
  manager: 'Manager',
};
