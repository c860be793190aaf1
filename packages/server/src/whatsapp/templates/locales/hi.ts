// Hindi built-in texts: the prefilled login message and the replies (shape: LocaleTemplates).
import type { LocaleTemplates } from './LocaleTemplates.js';

export const hi: LocaleTemplates = {
  code: 'कोड',
  prefilled: {
    default: '{{greeting}} {{appName}} में लॉग इन करें',
    signup: '{{greeting}} {{appName}} पर साइन अप करें',
    'verify-phone': '{{greeting}} {{appName}} के लिए मेरा नंबर सत्यापित करें',
    product: '{{greeting}} {{appName}} के {{product}} में लॉग इन करें',
  },
  replies: {
    'signed-in': '✅ आप {{appName}} में लॉग इन हो गए हैं। अब आप ऐप पर वापस जा सकते हैं।',
    'signed-up': '✅ {{appName}} में आपका स्वागत है! आपका खाता तैयार है; आगे बढ़ने के लिए ऐप पर वापस जाएँ।',
    'phone-updated': '✅ यह नंबर अब आपके {{appName}} खाते का फ़ोन है।',
    expired: '⌛ {{appName}} का यह कोड समाप्त हो गया है। नया कोड पाने के लिए ऐप में फिर से शुरू करें।',
    'unknown-code': 'हमें यह कोड नहीं मिला। नया कोड पाने के लिए ऐप में फिर से शुरू करें।',
    'sender-mismatch':
      '⚠️ {{appName}} का यह लॉग इन किसी दूसरे फ़ोन नंबर के लिए शुरू हुआ था, इसलिए रोक दिया गया। अगर यह आपने नहीं किया, तो इस संदेश को अनदेखा करें।',
    'already-used': '{{appName}} का यह कोड पहले ही इस्तेमाल हो चुका है। लॉग इन के लिए ऐप में फिर से शुरू करें।',
    'phone-withheld':
      '{{appName}} को लॉग इन के लिए आपका फ़ोन नंबर चाहिए, पर WhatsApp ने उसे साझा नहीं किया। ऐप में किसी और तरीके से लॉग इन करें।',
    'user-exists': 'इस लॉग इन से {{appName}} खाता पहले से मौजूद है। साइन अप की जगह लॉग इन करें।',
    'user-not-found': 'इस नंबर से कोई {{appName}} खाता नहीं है। पहले ऐप में साइन अप करें।',
    'user-disabled': 'आपका {{appName}} खाता बंद है। {{appName}} सहायता से संपर्क करें।',
    declined: '🛑 ठीक है, {{appName}} का लॉग इन रद्द कर दिया गया और कोई लॉग इन नहीं हुआ।',
    'confirm-prompt':
      'किसी ने इस नंबर से {{appName}} में लॉग इन करने को कहा है ({{device}}, {{time}})। "हाँ" तभी दबाएँ जब यह आप हों।',
  },
  unknown: { device: 'एक ब्राउज़र', time: 'अभी' },
  buttons: { yes: 'हाँ, मैं हूँ', no: 'नहीं, मैं नहीं' },
  device: '{{os}} पर {{browser}}',
};
