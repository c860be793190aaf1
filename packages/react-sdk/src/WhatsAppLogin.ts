// WhatsAppLogin: <notp-whatsapp-login> for React, wired to the provider's SDK so the session hooks update.
import { WHATSAPP_LOGIN_TAG, type WhatsAppLoginElement, type WhatsAppLoginErrorDetail } from '@notp/login-element';
import type { JWTResponse } from '@notp/web-js-sdk';
import { type CSSProperties, createElement, type ReactNode, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useNotp } from './hooks.js';

export interface WhatsAppLoginProps {
  /** Phone (E.164) or email; empty lets the WhatsApp sender's number become the login id. */
  loginId?: string;
  /** `svg` asks the server for an SVG QR instead of a PNG. */
  qrFormat?: 'png' | 'svg';
  /** Language of the prefilled message and replies (BCP 47). */
  locale?: string;
  /**
   * Called once the session has landed in the provider's SDK — also when the app unmounts this component on that very
   * change (`isAuthenticated ? <LoggedIn/> : <WhatsAppLogin onSuccess={…}/>`); it then runs after the unmount.
   */
  onSuccess?(session: JWTResponse): void;
  onError?(error: WhatsAppLoginErrorDetail): void;
  className?: string;
  style?: CSSProperties;
}

// The layout effect runs before the element's deferred start; on the server neither effect runs.
const useBeforePaint = typeof window === 'undefined' ? useEffect : useLayoutEffect;

export function WhatsAppLogin({
  loginId,
  qrFormat,
  locale,
  onSuccess,
  onError,
  className,
  style,
}: WhatsAppLoginProps): ReactNode {
  const sdk = useNotp();
  const ref = useRef<WhatsAppLoginElement>(null);
  const handlers = useRef({ onSuccess, onError });
  handlers.current = { onSuccess, onError };
  // One pair of listeners per component, reading the latest props. They are never removed: the element is this
  // component's own, and in the seed's `isAuthenticated ? <LoggedIn/> : <WhatsAppLogin onSuccess/>` React unmounts it
  // when the session lands, before its `success` event arrives — `onSuccess` must still run. Adding the same
  // function twice (StrictMode's second effect run) is a no-op.
  const [listeners] = useState(() => ({
    success: (e: Event) => handlers.current.onSuccess?.((e as CustomEvent<JWTResponse>).detail),
    error: (e: Event) => handlers.current.onError?.((e as CustomEvent<WhatsAppLoginErrorDetail>).detail),
  }));

  useBeforePaint(() => {
    const element = ref.current;
    if (!element) return;
    element.sdk = sdk;
    element.addEventListener('success', listeners.success);
    element.addEventListener('error', listeners.error);
  }, [sdk, listeners]);

  return createElement(WHATSAPP_LOGIN_TAG, {
    ref,
    'login-id': loginId,
    'qr-format': qrFormat,
    locale,
    className,
    style,
  });
}
