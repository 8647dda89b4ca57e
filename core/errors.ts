/**
 * Errors that an admin may see. They cross the IPC bridge as plain objects
 * (`code`, `message`, `detail`) and carry the text in Bahasa Indonesia and English.
 */
export type Language = 'id' | 'en';

export interface LocalizedText {
  id: string;
  en: string;
}

/** Exit codes shared by every CLI command. */
export const EXIT = { ok: 0, failed: 1, badInput: 2 } as const;

export type ErrorKind = 'bad-input' | 'failed' | 'cancelled';

export interface KlipErrorData {
  code: string;
  message: string;
  detail?: string;
}

export class KlipError extends Error {
  readonly code: string;
  readonly text: LocalizedText;
  readonly kind: ErrorKind;
  readonly detail?: string;

  constructor(options: { code: string; text: LocalizedText; kind?: ErrorKind; detail?: string; cause?: unknown }) {
    super(options.text.en, { cause: options.cause });
    this.name = 'KlipError';
    this.code = options.code;
    this.text = options.text;
    this.kind = options.kind ?? 'failed';
    this.detail = options.detail;
  }

  toData(language: Language): KlipErrorData {
    return {
      code: this.code,
      message: this.text[language],
      ...(this.detail !== undefined ? { detail: this.detail } : {}),
    };
  }
}

export function isKlipError(value: unknown): value is KlipError {
  return value instanceof KlipError;
}

export function badInput(code: string, text: LocalizedText, detail?: string): KlipError {
  return new KlipError({ code, text, kind: 'bad-input', detail });
}

/** Any thrown value as a plain error object for the bridge or for `--json`, never with a stack trace. */
export function toErrorData(error: unknown, language: Language): KlipErrorData {
  if (isKlipError(error)) return error.toData(language);
  const raw = error instanceof Error ? error.message : String(error);
  return {
    code: 'internal',
    message:
      language === 'id'
        ? 'Terjadi kesalahan yang tidak terduga. Coba lagi; jika terulang, kirim log ke tim Diskominfo.'
        : 'Something unexpected went wrong. Try again; if it happens again, send the log to the Diskominfo team.',
    detail: raw.split('\n')[0],
  };
}

/** Pick the language from a LANG-style string: Indonesian unless it is clearly English. */
export function languageFromLocale(locale: string | undefined): Language {
  if (!locale) return 'id';
  return /^en([_.-]|$)/i.test(locale) ? 'en' : 'id';
}
