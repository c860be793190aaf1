// WhatsAppLogin: <notp-whatsapp-login> for Vue, wired to the plugin's SDK so the session composables update.
import { WHATSAPP_LOGIN_TAG, type WhatsAppLoginErrorDetail } from '@notp/login-element';
import type { JWTResponse } from '@notp/web-js-sdk';
import { defineComponent, h, type PropType } from 'vue';
import { useNotp } from './composables.js';

export const WhatsAppLogin = defineComponent({
  name: 'WhatsAppLogin',
  props: {
    /** Phone (E.164) or email; empty lets the WhatsApp sender's number become the login id. */
    loginId: { type: String, default: undefined },
    /** `svg` asks the server for an SVG QR instead of a PNG. */
    qrFormat: { type: String as PropType<'png' | 'svg'>, default: undefined },
    /** Language of the prefilled message and replies (BCP 47). */
    locale: { type: String, default: undefined },
  },
  emits: {
    success: (_session: JWTResponse) => true,
    error: (_error: WhatsAppLoginErrorDetail) => true,
  },
  setup(props, { emit }) {
    const sdk = useNotp();
    // `sdk` is set as a DOM property (the element defines it); the element starts a microtask after insertion.
    return () =>
      h(WHATSAPP_LOGIN_TAG, {
        sdk,
        'login-id': props.loginId,
        'qr-format': props.qrFormat,
        locale: props.locale,
        onSuccess: (e: CustomEvent<JWTResponse>) => emit('success', e.detail),
        onError: (e: CustomEvent<WhatsAppLoginErrorDetail>) => emit('error', e.detail),
      });
  },
});
