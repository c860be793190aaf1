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
    /**
     * `@success`: called once the session has landed in the plugin's SDK — also when the app unmounts this component
     * on that very change (`v-if="isAuthenticated"` … `v-else` `<WhatsAppLogin @success>`), after the unmount. A
     * function prop rather than an emit because Vue drops the emits of an unmounted component.
     */
    onSuccess: { type: Function as PropType<(session: JWTResponse) => void>, default: undefined },
    /** `@error`: the login failed or expired (the element's error detail, with the HTTP status when one arrived). */
    onError: { type: Function as PropType<(error: WhatsAppLoginErrorDetail) => void>, default: undefined },
  },
  setup(props) {
    const sdk = useNotp();
    // `sdk` is set as a DOM property (the element defines it); the element starts a microtask after insertion.
    // The listeners read `props` when the event arrives, so the latest handler runs, mounted or not.
    const onSuccess = (e: CustomEvent<JWTResponse>) => props.onSuccess?.(e.detail);
    const onError = (e: CustomEvent<WhatsAppLoginErrorDetail>) => props.onError?.(e.detail);
    return () =>
      h(WHATSAPP_LOGIN_TAG, {
        sdk,
        'login-id': props.loginId,
        'qr-format': props.qrFormat,
        locale: props.locale,
        onSuccess,
        onError,
      });
  },
});
