// @notp/vue-sdk public API: the plugin is the default export (`app.use(notp, options)`); the rest named by hand.
import { notp } from './plugin.js';

export default notp;
export { notp, getSdk, NOTP_KEY } from './plugin.js';
export type { NotpInjection } from './plugin.js';
export { useNotp, useSession, useUser } from './composables.js';
export type { SessionRefs, UserRefs } from './composables.js';
export { WhatsAppLogin } from './WhatsAppLogin.js';
export type {
  JWTResponse,
  NotpSdkInstance,
  NotpSdkOptions,
  SdkResponse,
  UserResponse,
} from '@notp/web-js-sdk';
