/**
 * The `klipkota` command line: render, batch, pack, probe, demo, doctor.
 * Each command lives in its own module; this file only dispatches.
 */
import { EXIT } from '../../core/errors.js';
import { cancelAllRuns } from '../engine/ffmpeg/runner.js';
import { createContext, reportError, usageError, type CliCommand } from './context.js';

/** how long a command gets to stop by itself after Ctrl+C or SIGTERM */
const STOP_GRACE_MS = 10_000;

const commands: Record<string, () => Promise<CliCommand>> = {
  render: async () => (await import('./render.js')).renderCommand,
  batch: async () => (await import('./batch.js')).batchCommand,
  demo: async () => (await import('./demo.js')).demoCommand,
  probe: async () => (await import('./probe.js')).probeCommand,
  doctor: async () => (await import('./doctor.js')).doctorCommand,
  pack: async () => (await import('./pack.js')).packCommand,
};

const HELP = `klipkota <perintah> [opsi]   (commands: ${'render, batch, probe, doctor, demo, pack'})
  render [PROYEK.json] [--clip FILE]... [--title "NAMA|JABATAN"] [--music FILE] [--reframe blur|crop|pad]
         --preset tiktok,youtube[,shorts,reels] --out DIR [--pack DIR] [--overwrite] [--allow-tampered-pack] [--json]
  batch PROYEK.json... | --dir FOLDER  --preset LIST --out DIR [--overwrite] [--json]
  batch --resume [--json]     (lanjutkan antrean / continue the queue)
  batch --status [--json]
  probe FILE [--json]
  doctor [--json]
  demo --out DIR [--json]
  pack validate|export|import|list|remove|keygen|sign|verify|trust ... [--json]`;

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
    if (!name || name === '--help' || name === '-h' || name === 'help') {
      context.out(HELP);
      return name ? EXIT.ok : EXIT.badInput;
    }
    const load = commands[name];
    if (!load) {
      return usageError(context, {
        id: `Perintah "${name}" tidak dikenal. Perintah yang ada: ${Object.keys(commands).join(', ')}.`,
        en: `Unknown command "${name}". Available commands: ${Object.keys(commands).join(', ')}.`,
      });
    }
    const command = await load();
    return await command(rest, context);
  } catch (error) {
    return reportError(error, context);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
