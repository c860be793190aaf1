// LocaleTemplates: the shape every built-in language's texts must have (a missing reply or word is a type error).

/** Every reply the server sends to a WhatsApp user, by name. */
export type ReplyKind =
  | 'signed-in'
  | 'signed-up'
  | 'phone-updated'
  | 'expired'
  | 'unknown-code'
  | 'sender-mismatch'
  | 'already-used'
  | 'phone-withheld'
  | 'user-exists'
  | 'user-not-found'
  | 'user-disabled'
  | 'declined'
  | 'confirm-prompt';

/** One language's built-in texts. Variables are `{{name}}`, filled by fillVariables after cleanVariable. */
export interface LocaleTemplates {
  /** The word before the code at the end of the prefilled message ("code K7Q2…"). */
  readonly code: string;
  /**
   * Prefilled texts by templateId (`default` is required: unknown ids use it). `{{appName}}` is always the project's
   * name; other variables come from loginOptions.templateOptions (the seed docs use `greeting` and `product`).
   */
  readonly prefilled: Readonly<{ default: string } & Record<string, string>>;
  /** Reply texts: `{{appName}}` plus `{{device}}` and `{{time}}` in the confirmation prompt. */
  readonly replies: Readonly<Record<ReplyKind, string>>;
  /** Words used when the confirmation prompt's device or time is unknown. */
  readonly unknown: Readonly<{ device: string; time: string }>;
  /** Titles (≤ 20 characters, WhatsApp's limit) of the confirmation prompt's two reply buttons. */
  readonly buttons: Readonly<{ yes: string; no: string }>;
  /** How a browser on a system reads ("{{browser}} on {{os}}" → "Chrome on Windows"). */
  readonly device: string;
}
