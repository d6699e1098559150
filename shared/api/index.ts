import type { z } from 'zod';
import { sessionChannels } from './session';
import { customerChannels } from './customers';
import { syncChannels } from './sync';
import { callChannels } from './call';
import { playbookChannels } from './playbook';
import { preferenceChannels } from './preferences';
import { dialChannels } from './dial';
import { careChannels } from './care';
import { reportChannels } from './reports';
import { issueChannels } from './issues';
import { feedbackChannels } from './feedback';
import { exportChannels } from './exports';
import { queueChannels } from './queue';
import { importChannels } from './import';
import { maintenanceChannels } from './maintenance';
import { localeChannels } from './locale';
import { outreachChannels } from './outreach';
import { presenceChannels } from './presence';
import { contactPolicyChannels } from './contactPolicy';
import { callsInProgressChannels } from './callsInProgress';
import { assignmentPreviewChannels } from './assignmentPreview';
import { effectChannels } from './effect';
import { permissionsChannels } from './permissions';
import { consentChannels } from './consent';
import { privacyChannels } from './privacy';
import { keepInTouchChannels } from './keepInTouch';

/** Every channel of the console's API, declared once; both transports and the client derive from it. */
export const contract = {
  ...sessionChannels,
  ...customerChannels,
  ...syncChannels,
  ...callChannels,
  ...playbookChannels,
  ...preferenceChannels,
  ...dialChannels,
  ...careChannels,
  ...reportChannels,
  ...issueChannels,
  ...feedbackChannels,
  ...exportChannels,
  ...queueChannels,
  ...importChannels,
  ...maintenanceChannels,
  ...localeChannels,
  ...outreachChannels,
  ...presenceChannels,
  ...contactPolicyChannels,
  ...callsInProgressChannels,
  ...assignmentPreviewChannels,
  ...effectChannels,
  ...permissionsChannels,
  ...consentChannels,
  ...privacyChannels,
  ...keepInTouchChannels,
};

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ChannelParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

export { PUSH_EVENTS, type PushEvent } from './events';
