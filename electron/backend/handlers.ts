import type { Person } from '../../shared/api/session';
import type { Channel, ChannelOutput, ChannelParsedInput } from '../../shared/api';
import type { ServiceDeps } from './types';
import { sessionHandlers } from './session/handlers';
import { customerHandlers } from './customers/handlers';
import { syncHandlers } from './sync/status';
import { callHandlers } from './call/handlers';
import { playbookHandlers } from './playbook/handlers';
import { preferenceHandlers } from './preferences/handlers';
import { dialHandlers } from './dial/handlers';
import { hubHandlers } from './sync/handlers';
import { careHandlers } from './care/handlers';
import { reportHandlers } from './reports/handlers';
import { issueHandlers } from './issues/handlers';
import { feedbackQueueHandlers } from './feedback/handlers';
import { exportHandlers } from './exports/handlers';
import { queueHandlers } from './queue/handlers';
import { selectionHandlers } from './queue/selection';
import { cycleHandlers } from './queue/cycles';
import { assignmentHandlers } from './queue/assignment';
import { importHandlers } from './import/handlers';
import { maintenanceHandlers } from './maintenance/handlers';

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
