// createWhatsApp: picks the webhook adapters and the reply sender for the configured provider mode.
import { createHmac } from 'node:crypto';
import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import { CloudApiSender } from './cloud-api/CloudApiSender.js';
import { CloudApiWebhook } from './cloud-api/CloudApiWebhook.js';
import type { WhatsApp } from './ports.js';
import { MemorySimulatorInbox, type SimulatorInbox } from './simulator/SimulatorInbox.js';
import { SimulatorSender } from './simulator/SimulatorSender.js';
import { TwilioSender } from './twilio/TwilioSender.js';
import { TwilioWebhook } from './twilio/TwilioWebhook.js';

/**
 * The Cloud API app secret deliveries are signed with. Simulator mode without NOTP_CLOUD_API_APP_SECRET derives it
 * from the master key, so it is stable across restarts (a delivery signed before a restart still verifies after).
 */
export function cloudApiAppSecret(config: Pick<Config, 'cloudApi'>, masterKey: Buffer): string {
  return config.cloudApi.appSecret ?? createHmac('sha256', masterKey).update('notp simulator app secret').digest('hex');
}

export function createWhatsApp(
  config: Readonly<Config>,
  masterKey: Buffer,
  log: Pick<Logger, 'warn'>,
): { whatsapp: WhatsApp; simulatorInbox: SimulatorInbox | null; appSecret: string } {
  switch (config.provider) {
    case 'simulator': {
      const appSecret = cloudApiAppSecret(config, masterKey);
      const simulatorInbox = new MemorySimulatorInbox();
      if (!config.cloudApi.appSecret) log.warn('simulator mode: webhook app secret derived from the master key');
      return {
        whatsapp: {
          cloudApi: new CloudApiWebhook({ appSecret, phoneNumberId: config.cloudApi.phoneNumberId }),
          twilio: null,
          sender: new SimulatorSender(simulatorInbox),
        },
        simulatorInbox,
        appSecret,
      };
    }
    case 'cloud-api': {
      const { appSecret, accessToken } = config.cloudApi;
      // loadConfig already requires these in cloud-api mode; this guards hand-built configs.
      if (!appSecret || !accessToken)
        throw new Error('cloud-api mode needs NOTP_CLOUD_API_APP_SECRET and _ACCESS_TOKEN');
      return {
        whatsapp: {
          cloudApi: new CloudApiWebhook({ appSecret, phoneNumberId: config.cloudApi.phoneNumberId }),
          twilio: null,
          sender: new CloudApiSender({
            graphUrl: config.cloudApi.graphUrl,
            phoneNumberId: config.cloudApi.phoneNumberId,
            accessToken,
          }),
        },
        simulatorInbox: null,
        appSecret,
      };
    }
    case 'twilio': {
      const { accountSid, authToken, apiUrl } = config.twilio;
      if (!accountSid || !authToken) throw new Error('twilio mode needs NOTP_TWILIO_ACCOUNT_SID and _AUTH_TOKEN');
      return {
        whatsapp: {
          cloudApi: null,
          twilio: new TwilioWebhook({
            authToken,
            url: `${config.publicUrl}/webhooks/twilio`,
            whatsappNumber: config.whatsappNumber,
          }),
          sender: new TwilioSender({ apiUrl, accountSid, authToken, whatsappNumber: config.whatsappNumber }),
        },
        simulatorInbox: null,
        appSecret: '',
      };
    }
  }
}
