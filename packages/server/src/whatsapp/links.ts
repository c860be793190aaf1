// The redirectUrl a start answer carries: a wa.me deep link with the prefilled text (or the simulator's chat page).
import type { Config } from '../config/config.js';
import { waMeDigits } from '../users/phone.js';

/** Never contains the pendingRef: only the prefilled message (whose code is useless for polling). */
export function redirectUrlFor(
  config: Pick<Config, 'provider' | 'publicUrl' | 'whatsappNumber'>,
  text: string,
): string {
  const encoded = encodeURIComponent(text);
  if (config.provider === 'simulator') return `${config.publicUrl}/simulator/chat?text=${encoded}`;
  return `https://wa.me/${waMeDigits(config.whatsappNumber)}?text=${encoded}`;
}
