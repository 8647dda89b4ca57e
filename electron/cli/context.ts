/**
 * What every CLI command gets: the language (from LANG), whether to print one JSON
 * document, and the output streams. Commands return an exit code (core/errors EXIT).
 */
import { parseArgs } from 'node:util';
import { EXIT, KlipError, languageFromLocale, toErrorData, type Language } from '@core/errors.js';

export interface CliContext {
  language: Language;
  json: boolean;
  out: (text: string) => void;
  err: (text: string) => void;
  /** cancelled on Ctrl+C */
  signal: AbortSignal;
}

export type CliCommand = (args: string[], context: CliContext) => Promise<number>;

export function createContext(options: { json: boolean; signal: AbortSignal; env?: NodeJS.ProcessEnv }): CliContext {
  const env = options.env ?? process.env;
  return {
    language: languageFromLocale(env.KLIPKOTA_LANG || env.LC_ALL || env.LC_MESSAGES || env.LANG),
    json: options.json,
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    signal: options.signal,
  };
}

/** Print an error the way the context wants it and return the exit code it means. */
export function reportError(error: unknown, context: CliContext): number {
  const data = toErrorData(error, context.language);
  if (context.json) context.out(JSON.stringify({ error: { code: data.code, message: data.message } }));
  else context.err(`${context.language === 'id' ? 'Galat' : 'Error'}: ${data.message}${data.detail && data.code === 'internal' ? ` (${data.detail})` : ''}`);
  if (error instanceof KlipError && error.kind === 'bad-input') return EXIT.badInput;
  return EXIT.failed;
}

/** Usage errors: exit 2 with a message in the user's language. */
export function usageError(context: CliContext, text: { id: string; en: string }): number {
  return reportError(new KlipError({ code: 'usage', text, kind: 'bad-input' }), context);
}

type OptionSpec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }>;

/**
 * A command's options, parsed strictly; an unknown or malformed option is a usage
 * error (exit 2) that names the option and shows the command's usage.
 */
export function parseCommandArgs<const T extends OptionSpec>(options: {
  args: string[];
  spec: T;
  context: CliContext;
  usage: string;
}): { values: ReturnType<typeof parseArgs<{ options: T; allowPositionals: true; strict: true }>>['values']; positionals: string[] } | number {
  try {
    const parsed = parseArgs({ args: options.args, options: options.spec, allowPositionals: true, strict: true });
    return { values: parsed.values, positionals: parsed.positionals };
  } catch (error) {
    return usageError(options.context, {
      id: `Opsi tidak dikenal atau salah (${(error as Error).message}). Pemakaian: ${options.usage}`,
      en: `Unknown or malformed option (${(error as Error).message}). Usage: ${options.usage}`,
    });
  }
}
