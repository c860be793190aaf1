// Spanish built-in texts: the prefilled login message and the replies (shape: LocaleTemplates).
import type { LocaleTemplates } from './LocaleTemplates.js';

export const es: LocaleTemplates = {
  code: 'código',
  prefilled: {
    default: '{{greeting}} Iniciar sesión en {{appName}}',
    signup: '{{greeting}} Registrarme en {{appName}}',
    'verify-phone': '{{greeting}} Verificar mi número en {{appName}}',
    product: '{{greeting}} Iniciar sesión en {{product}} de {{appName}}',
  },
  replies: {
    'signed-in': '✅ Iniciaste sesión en {{appName}}. Ya puedes volver a la app.',
    'signed-up': '✅ ¡Bienvenido a {{appName}}! Tu cuenta está lista; vuelve a la app para continuar.',
    'phone-updated': '✅ Este número es ahora el teléfono de tu cuenta de {{appName}}.',
    expired: '⌛ Ese código de {{appName}} caducó. Vuelve a empezar en la app para obtener uno nuevo.',
    'unknown-code': 'No encontramos ese código. Vuelve a empezar en la app para obtener uno nuevo.',
    'sender-mismatch':
      '⚠️ Este inicio de sesión en {{appName}} era para otro número de teléfono y se detuvo. Si no fuiste tú, ignora este mensaje.',
    'already-used': 'Ese código de {{appName}} ya se usó. Vuelve a empezar en la app si necesitas iniciar sesión.',
    'phone-withheld':
      '{{appName}} necesita tu número para iniciar sesión, pero WhatsApp no nos lo compartió. Inicia sesión de otra forma en la app.',
    'user-exists': 'Ya existe una cuenta de {{appName}} con este acceso. Inicia sesión en lugar de registrarte.',
    'user-not-found': 'Ninguna cuenta de {{appName}} usa este número. Regístrate primero en la app.',
    'user-disabled': 'Tu cuenta de {{appName}} está desactivada. Contacta al soporte de {{appName}}.',
    declined:
      '🛑 De acuerdo, se canceló el inicio de sesión en {{appName}} y nadie entró. Si no fuiste tú, no hace falta nada más.',
    'confirm-prompt':
      'Alguien pidió iniciar sesión en {{appName}} con este número desde {{device}} a las {{time}}. Toca "Sí" solo si fuiste tú.',
  },
  unknown: { device: 'un navegador', time: 'hace un momento' },
  buttons: { yes: 'Sí, soy yo', no: 'No fui yo' },
  device: '{{browser}} en {{os}}',
};
