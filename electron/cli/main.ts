/**
 * The `klipkota` command line: render, batch, pack, farm, probe, demo, doctor, captions.
 * Each command lives in its own module; this file only dispatches.
 */
import { EXIT } from '@core/errors.js';
import { cancelAllRuns } from '../engine/ffmpeg/runner.js';
import { createContext, reportError, usageError, type CliCommand, type CliContext } from './context.js';
import { asksForHelp, helpText, overviewText } from './help.js';
import { KLIPKOTA_VERSION } from './version.js';

/** how long a command gets to stop by itself after Ctrl+C or SIGTERM */
const STOP_GRACE_MS = 10_000;

const commands: Record<string, () => Promise<CliCommand>> = {
  render: async () => (await import('./render.js')).renderCommand,
  batch: async () => (await import('./batch.js')).batchCommand,
  demo: async () => (await import('./demo.js')).demoCommand,
  probe: async () => (await import('./probe.js')).probeCommand,
  doctor: async () => (await import('./doctor.js')).doctorCommand,
  pack: async () => (await import('./pack.js')).packCommand,
  captions: async () => (await import('./captions.js')).captionsCommand,
  farm: async () => (await import('./farm.js')).farmCommand,
};

function unknownCommand(context: CliContext, name: string): number {
  return usageError(context, {
    id: `Perintah "${name}" tidak dikenal. Perintah yang ada: ${Object.keys(commands).join(', ')}. Lihat "klipkota help".`,
    en: `Unknown command "${name}". Available commands: ${Object.keys(commands).join(', ')}. See "klipkota help".`,
  });
}

/** `klipkota help [COMMAND [SUBCOMMAND]]` and `klipkota COMMAND [SUBCOMMAND] --help`: exit 0. */
function printHelp(context: CliContext, topic: string[]): number {
  const text = helpText({ topic, language: context.language });
  if (text === undefined) return unknownCommand(context, topic[0] ?? '');
  context.out(text);
  return EXIT.ok;
}

export async function runCli(argv: string[]): Promise<number> {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    controller.abort();
    // the command stops FFmpeg and cleans up; should anything not listen to the signal, still stop
    setTimeout(() => {
      cancelAllRuns();
      process.exit(signal === 'SIGINT' ? 130 : 143);
    }, STOP_GRACE_MS).unref();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const json = argv.includes('--json');
  const context = createContext({ json, signal: controller.signal });
  try {
    const [name, ...rest] = argv;
    if (!name || name === '--help' || name === '-h') {
      context.out(overviewText(context.language));
      return name ? EXIT.ok : EXIT.badInput;
    }
    if (name === '--version' || name === '-V') {
      context.out(`klipkota ${KLIPKOTA_VERSION}`);
      return EXIT.ok;
    }
    if (name === 'help') return printHelp(context, rest.filter((arg) => !arg.startsWith('-')));
    const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
    if (!load) return unknownCommand(context, name);
    if (asksForHelp(rest)) return printHelp(context, [name, ...rest.filter((arg) => !arg.startsWith('-'))]);
    const command = await load();
    return await command(rest, context);
  } catch (error) {
    return reportError(error, context);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
