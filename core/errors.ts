/**
 * Errors that an admin may see. They cross the IPC bridge as plain objects
 * (`code`, `message`, `detail`) and carry the text in Bahasa Indonesia and English.
 */
import type { z } from 'zod';

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
/** What the operating system's refusals mean for an admin, by Node's error code. */
const SYSTEM_ERRORS: Record<string, { code: string; text: LocalizedText }> = {
  ENOSPC: {
    code: 'disk-full',
    text: {
      id: 'Disk penuh. Kosongkan ruang disk (hapus atau pindahkan berkas lama), lalu coba lagi. Pekerjaan Anda tidak hilang.',
      en: 'The disk is full. Free some space (delete or move old files), then try again. Your work is not lost.',
    },
  },
  EACCES: {
    code: 'no-permission',
    text: {
      id: 'Windows/sistem tidak mengizinkan KlipKota menulis atau membaca di folder itu. Pilih folder lain, misalnya Dokumen atau Video.',
      en: 'The system does not allow KlipKota to read or write in that folder. Choose another folder, for example Documents or Videos.',
    },
  },
  EPERM: {
    code: 'file-busy',
    text: {
      id: 'Berkas sedang dipakai program lain atau dilindungi. Tutup program itu (pemutar video, antivirus sedang memindai), lalu coba lagi.',
      en: 'The file is in use by another program or protected. Close that program (video player, an antivirus scan), then try again.',
    },
  },
  EBUSY: {
    code: 'file-busy',
    text: {
      id: 'Berkas sedang dipakai program lain. Tutup program itu, lalu coba lagi.',
      en: 'The file is in use by another program. Close that program, then try again.',
    },
  },
  EROFS: {
    code: 'read-only',
    text: {
      id: 'Disk atau flashdisk itu hanya bisa dibaca. Simpan ke disk lain.',
      en: 'That disk or USB stick is read-only. Save to another disk.',
    },
  },
};

export function toErrorData(error: unknown, language: Language): KlipErrorData {
  if (isKlipError(error)) return error.toData(language);
  const raw = error instanceof Error ? error.message : String(error);
  const systemCode = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  const known = SYSTEM_ERRORS[systemCode];
  if (known) return { code: known.code, message: known.text[language], detail: raw.split('\n')[0] };
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

/** Describe zod issues briefly (the first five), naming each bad field: for error details and messages. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}
