import type { Handlers } from './types';
import { sessionHandlers } from './session/handlers';
import { customerHandlers } from './customers/handlers';
import { callHandlers } from './call/handlers';
import { playbookHandlers } from './playbook/handlers';
import { preferenceHandlers } from './preferences/handlers';
import { dialHandlers } from './dial/handlers';
import { syncHandlers } from './sync/handlers';
import { careHandlers } from './care/handlers';
import { reportHandlers } from './reports/handlers';
import { issueHandlers } from './issues/handlers';
import { feedbackHandlers } from './feedback/handlers';
import { exportHandlers } from './exports/handlers';
import { queueHandlers } from './queue/handlers';
import { importHandlers } from './import/handlers';
import { maintenanceHandlers } from './maintenance/handlers';
import { localeHandlers } from './locale/handlers';
import { outreachHandlers } from './outreach/handlers';
import { presenceHandlers } from './presence/handlers';
import { boardHandlers } from './sync/boardHandlers';
import { contactPolicyHandlers } from './contactPolicy/handlers';
import { callsInProgressHandlers } from './call/unfinished';
import { assignmentPreviewHandlers } from './queue/assignmentPreview';
import { effectHandlers } from './effect/handlers';
import { permissionsHandlers } from './permissions/handlers';
import { consentHandlers } from './consent/handlers';
import { privacyHandlers } from './privacy/handlers';
import { keepInTouchHandlers } from './keepInTouch/handlers';

/** One handler per contract channel; the type makes a missing or extra one a compile error. */
export const handlers: Handlers = {
  ...sessionHandlers,
  ...customerHandlers,
  ...syncHandlers,
  ...callHandlers,
  ...playbookHandlers,
  ...preferenceHandlers,
  ...dialHandlers,
  ...careHandlers,
  ...reportHandlers,
  ...issueHandlers,
  ...feedbackHandlers,
  ...exportHandlers,
  ...queueHandlers,
  ...importHandlers,
  ...maintenanceHandlers,
  ...localeHandlers,
  ...outreachHandlers,
  ...presenceHandlers,
  ...boardHandlers,
  ...contactPolicyHandlers,
  ...callsInProgressHandlers,
  ...assignmentPreviewHandlers,
  ...effectHandlers,
  ...permissionsHandlers,
  ...consentHandlers,
  ...privacyHandlers,
  ...keepInTouchHandlers,
};
