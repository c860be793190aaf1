// English built-in texts: the prefilled login message and the replies (shape: LocaleTemplates).
import type { LocaleTemplates } from './LocaleTemplates.js';

export const en: LocaleTemplates = {
  code: 'code',
  prefilled: {
    default: '{{greeting}} Log in to {{appName}}',
    signup: '{{greeting}} Sign up to {{appName}}',
    'verify-phone': '{{greeting}} Verify my number for {{appName}}',
    product: '{{greeting}} Log in to {{product}} on {{appName}}',
  },
  replies: {
    'signed-in': "✅ You're signed in to {{appName}}. You can go back to the app now.",
    'signed-up': '✅ Welcome to {{appName}}! Your account is ready; go back to the app to continue.',
    'phone-updated': '✅ This number is now the phone of your {{appName}} account.',
    expired: '⌛ That {{appName}} login code has expired. Start again in the app to get a new one.',
    'unknown-code': "We couldn't find that login code. Start again in the app to get a new one.",
    'sender-mismatch':
      "⚠️ This {{appName}} login was started for a different phone number, so it was stopped. If you didn't start it, you can ignore this message.",
    'already-used': 'That {{appName}} login code was already used. Start again in the app if you need to log in.',
    'phone-withheld':
      "{{appName}} needs your phone number to log you in, but WhatsApp didn't share it with us. Log in another way in the app.",
    'user-exists': 'An {{appName}} account already uses this login. Sign in instead of signing up.',
    'user-not-found': 'No {{appName}} account uses this number yet. Sign up in the app first.',
    'user-disabled': 'Your {{appName}} account is disabled. Contact {{appName}} support.',
    declined:
      "🛑 OK, the {{appName}} login was cancelled and nobody was signed in. If it wasn't you, nothing else is needed.",
    'confirm-prompt':
      'Someone asked to log in to {{appName}} with this number from {{device}} at {{time}}. Only tap "Yes" if it was you.',
  },
  unknown: { device: 'a browser', time: 'just now' },
  buttons: { yes: "Yes, it's me", no: "No, it wasn't me" },
  device: '{{browser}} on {{os}}',
};
