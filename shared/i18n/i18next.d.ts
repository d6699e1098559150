import 'i18next';
import type { en } from './messages/en/index';

/**
 * The English catalogue is the type of every key: `t('queue.empty.agent')` compiles only when the
 * key exists, so a typo or a forgotten catalogue entry fails the typecheck, not a person's screen.
 */
declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: typeof en };
    returnNull: false;
  }
}
