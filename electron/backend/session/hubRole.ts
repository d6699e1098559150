import type { Role } from '../../../shared/domain/roles';
import { connectHub } from '../sync/failover';
import { readHubConfig, readHubSavedBy } from '../sync/settings';
import type { ServiceDeps } from '../types';

/**
 * The hub token's role, or null without a manager-saved hub or when the hub does not answer. The
 * role of the desk's hub token counts as a role a manager gave the desk only when a manager saved
 * the hub settings: anyone may enter a hub address, and a hub of one's own making on this computer
 * would otherwise answer "manager".
 */
export async function hubTokenRole(deps: ServiceDeps): Promise<Role | null> {
  if (readHubSavedBy(deps.db) !== 'manager') return null;
  const config = readHubConfig(deps.db);
  if (!config) return null;
  try {
    // A person waits at the desk: a hub that does not answer soon counts as no answer.
    return (await connectHub(config, { timeoutMs: 5_000 }).me()).role;
  } catch {
    return null;
  }
}
