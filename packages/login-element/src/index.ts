// @notp/login-element public API; importing it registers <notp-whatsapp-login> in browsers (a no-op on servers).
import { defineWhatsAppLogin } from './WhatsAppLoginElement.js';

defineWhatsAppLogin();

export {
  WHATSAPP_LOGIN_TAG,
  defineWhatsAppLogin,
  createWhatsAppLoginElementClass,
} from './WhatsAppLoginElement.js';
export type {
  WhatsAppLoginElement,
  WhatsAppLoginErrorDetail,
  WhatsAppLoginState,
} from './WhatsAppLoginElement.js';

declare global {
  interface HTMLElementTagNameMap {
    'notp-whatsapp-login': import('./WhatsAppLoginElement.js').WhatsAppLoginElement;
  }
}
