// WhatsAppLogin: <notp-whatsapp-login> for React, wired to the provider's SDK so the session hooks update.
import { WHATSAPP_LOGIN_TAG, type WhatsAppLoginElement, type WhatsAppLoginErrorDetail } from '@notp/login-element';
import type { JWTResponse } from '@notp/web-js-sdk';
import { type CSSProperties, createElement, type ReactNode, useEffect, useLayoutEffect, useRef } from 'react';
import { useNotp } from './hooks.js';

export interface WhatsAppLoginProps {
  /** Phone (E.164) or email; empty lets the WhatsApp sender's number become the login id. */
  loginId?: string;
  /** `svg` asks the server for an SVG QR instead of a PNG. */
  qrFormat?: 'png' | 'svg';
  /** Language of the prefilled message and replies (BCP 47). */
  locale?: string;
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

  useBeforePaint(() => {
    const element = ref.current;
    if (!element) return;
    element.sdk = sdk;
    const success = (e: Event) => handlers.current.onSuccess?.((e as CustomEvent<JWTResponse>).detail);
    const error = (e: Event) => handlers.current.onError?.((e as CustomEvent<WhatsAppLoginErrorDetail>).detail);
    element.addEventListener('success', success);
    element.addEventListener('error', error);
    return () => {
      element.removeEventListener('success', success);
      element.removeEventListener('error', error);
    };
  }, [sdk]);

  return createElement(WHATSAPP_LOGIN_TAG, {
    ref,
    'login-id': loginId,
    'qr-format': qrFormat,
    locale,
    className,
    style,
  });
}
