// Portuguese built-in texts: the prefilled login message and the replies (shape: LocaleTemplates).
import type { LocaleTemplates } from './LocaleTemplates.js';

export const pt: LocaleTemplates = {
  code: 'código',
  prefilled: {
    default: '{{greeting}} Entrar em {{appName}}',
    signup: '{{greeting}} Criar conta em {{appName}}',
    'verify-phone': '{{greeting}} Verificar meu número em {{appName}}',
    product: '{{greeting}} Entrar em {{product}} de {{appName}}',
  },
  replies: {
    'signed-in': '✅ Você entrou em {{appName}}. Já pode voltar ao app.',
    'signed-up': '✅ Bem-vindo ao {{appName}}! Sua conta está pronta; volte ao app para continuar.',
    'phone-updated': '✅ Este número agora é o telefone da sua conta {{appName}}.',
    expired: '⌛ Esse código do {{appName}} expirou. Comece de novo no app para receber outro.',
    'unknown-code': 'Não encontramos esse código. Comece de novo no app para receber outro.',
    'sender-mismatch':
      '⚠️ Este login no {{appName}} foi iniciado para outro número e foi interrompido. Se não foi você, ignore esta mensagem.',
    'already-used': 'Esse código do {{appName}} já foi usado. Comece de novo no app se precisar entrar.',
    'phone-withheld':
      'O {{appName}} precisa do seu número para você entrar, mas o WhatsApp não o compartilhou. Entre de outra forma no app.',
    'user-exists': 'Já existe uma conta {{appName}} com este login. Entre em vez de criar uma conta.',
    'user-not-found': 'Nenhuma conta {{appName}} usa este número. Crie uma conta no app primeiro.',
    'user-disabled': 'Sua conta {{appName}} está desativada. Fale com o suporte do {{appName}}.',
    declined:
      '🛑 Ok, o login no {{appName}} foi cancelado e ninguém entrou. Se não foi você, não é preciso fazer mais nada.',
    'confirm-prompt':
      'Alguém pediu para entrar no {{appName}} com este número a partir de {{device}} às {{time}}. Toque em "Sim" só se foi você.',
  },
  unknown: { device: 'um navegador', time: 'agora há pouco' },
  buttons: { yes: 'Sim, sou eu', no: 'Não fui eu' },
  device: '{{browser}} no {{os}}',
};
