// Arabic built-in texts: the prefilled login message and the replies (shape: LocaleTemplates).
import type { LocaleTemplates } from './LocaleTemplates.js';

export const ar: LocaleTemplates = {
  code: 'الرمز',
  prefilled: {
    default: '{{greeting}} تسجيل الدخول إلى {{appName}}',
    signup: '{{greeting}} إنشاء حساب في {{appName}}',
    'verify-phone': '{{greeting}} تأكيد رقمي في {{appName}}',
    product: '{{greeting}} تسجيل الدخول إلى {{product}} في {{appName}}',
  },
  replies: {
    'signed-in': '✅ تم تسجيل دخولك إلى {{appName}}. يمكنك العودة إلى التطبيق الآن.',
    'signed-up': '✅ مرحبًا بك في {{appName}}! حسابك جاهز؛ عد إلى التطبيق للمتابعة.',
    'phone-updated': '✅ أصبح هذا الرقم هاتف حسابك في {{appName}}.',
    expired: '⌛ انتهت صلاحية رمز {{appName}} هذا. ابدأ من جديد في التطبيق للحصول على رمز جديد.',
    'unknown-code': 'لم نجد هذا الرمز. ابدأ من جديد في التطبيق للحصول على رمز جديد.',
    'sender-mismatch':
      '⚠️ بدأ تسجيل الدخول هذا إلى {{appName}} لرقم هاتف آخر، لذلك تم إيقافه. إذا لم تكن أنت، تجاهل هذه الرسالة.',
    'already-used': 'تم استخدام رمز {{appName}} هذا من قبل. ابدأ من جديد في التطبيق إذا أردت تسجيل الدخول.',
    'phone-withheld':
      'يحتاج {{appName}} إلى رقم هاتفك لتسجيل دخولك، لكن واتساب لم يشاركه معنا. سجّل الدخول بطريقة أخرى في التطبيق.',
    'user-exists': 'يوجد حساب في {{appName}} بهذا المعرّف بالفعل. سجّل الدخول بدلًا من إنشاء حساب.',
    'user-not-found': 'لا يوجد حساب في {{appName}} بهذا الرقم. أنشئ حسابًا في التطبيق أولًا.',
    'user-disabled': 'حسابك في {{appName}} معطّل. تواصل مع دعم {{appName}}.',
    declined: '🛑 حسنًا، تم إلغاء تسجيل الدخول إلى {{appName}} ولم يدخل أحد.',
    'confirm-prompt':
      'طلب شخص ما تسجيل الدخول إلى {{appName}} بهذا الرقم من {{device}} في {{time}}. اضغط "نعم" فقط إذا كنت أنت.',
  },
  unknown: { device: 'متصفح', time: 'الآن' },
  buttons: { yes: 'نعم، أنا', no: 'لا، لست أنا' },
  device: '{{browser}} على {{os}}',
};
