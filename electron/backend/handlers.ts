import type { Person } from '../../shared/api/session';
import type { Channel, ChannelOutput, ChannelParsedInput } from '../../shared/api';
import type { ServiceDeps } from './deps';
import { sessionHandlers } from '../services/session';
import { customerHandlers } from '../services/customers';
import { syncHandlers } from '../services/sync';
import { callHandlers } from '../services/call';
import { playbookHandlers } from '../services/playbook';
import { preferenceHandlers } from '../services/preferences';
import { dialHandlers } from '../services/dial';
import { hubHandlers } from '../services/syncHub';
import { careHandlers } from '../services/care';
import { reportHandlers } from '../services/reports/handlers';
import { issueHandlers } from '../services/issues';
import { feedbackQueueHandlers } from '../services/feedbackQueue';
import { exportHandlers } from '../services/export/handlers';
import { queueHandlers } from '../services/queue/handlers';
import { selectionHandlers } from '../services/queue/selection';
import { cycleHandlers } from '../services/queue/cycles';
import { assignmentHandlers } from '../services/queue/assignment';
import { importHandlers } from '../services/import/handlers';
import { maintenanceHandlers } from '../services/maintenance';

export interface CallContext {
  /** The person using the console; null only for channels allowed before first-run. */
  user: Person | null;
}

export type Handler<C extends Channel> = (
  deps: ServiceDeps,
  input: ChannelParsedInput<C>,
  ctx: CallContext,
) => ChannelOutput<C> | Promise<ChannelOutput<C>>;

export type Handlers = { [C in Channel]: Handler<C> };
export type HandlerGroup<C extends Channel> = { [K in C]: Handler<K> };

/** One handler per contract channel; the type makes a missing or extra one a compile error. */
export const handlers: Handlers = {
  ...sessionHandlers,
  ...customerHandlers,
  ...syncHandlers,
  ...callHandlers,
  ...playbookHandlers,
  ...preferenceHandlers,
  ...dialHandlers,
  ...hubHandlers,
  ...careHandlers,
  ...reportHandlers,
  ...issueHandlers,
  ...feedbackQueueHandlers,
  ...exportHandlers,
  ...queueHandlers,
  ...selectionHandlers,
  ...cycleHandlers,
  ...assignmentHandlers,
  ...importHandlers,
  ...maintenanceHandlers,
};
