/**
 * `klipkota farm serve | work | status`: the office render farm.
 *
 * serve   on the coordinator PC: starts the farm database (embedded PostgreSQL,
 *         data in the KlipKota data folder), prints its address and the join
 *         code, and runs until Ctrl+C. `--lan` opens it to the office network;
 *         without it only this PC can connect. `--url` makes a join code for a
 *         database the office already runs (postgres:// or redis://) instead.
 * work    on each rendering PC: takes jobs until Ctrl+C (a job in progress goes
 *         back to the queue, no partial file left).
 * status  the farm's workers and jobs.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { EXIT, type LocalizedText } from '@core/errors.js';
import { isShareRelative, type FarmStatus } from '@core/farm.js';
import { publicAddress } from '../engine/farm/connection.js';
import { startCoordinator } from '../engine/farm/coordinator.js';
import { encodeJoinCode } from '../engine/farm/join-code.js';
import { farmToUse, farmUnreachable, rememberFarm } from '../engine/farm/joined.js';
import { farmStatus } from '../engine/farm/status.js';
import { startFarmWorker, type FarmWorkerEvent } from '../engine/farm/worker.js';
import { shareRelative } from '../engine/farm/submit.js';
import { klipkotaHome } from '../engine/pack/home.js';
import { parseCommandArgs, reportError, usageError, type CliCommand, type CliContext } from './context.js';
import { COMMAND_HELP } from './help.js';

const usage = COMMAND_HELP.farm.usage;

const say = (context: CliContext, text: LocalizedText) => context.err(text[context.language]);

/** Resolves when Ctrl+C (or SIGTERM) asks the command to stop. */
const stopped = (context: CliContext) => new Promise<void>((resolve) => (context.signal.aborted ? resolve() : context.signal.addEventListener('abort', () => resolve(), { once: true })));

/** The output folders, share-relative: names inside the shared folder or absolute paths into it; undefined when one is outside. */
function outputFolders(share: string, given: string[]): string[] | string {
  const folders: string[] = [];
  for (const folder of given.length ? given : ['hasil']) {
    const relative = path.isAbsolute(folder) ? shareRelative(share, folder) : folder.split(/[\\/]/).filter(Boolean).join('/');
    if (relative === undefined || !isShareRelative(relative)) return folder;
    folders.push(relative);
  }
  return folders;
}

const SERVE_OPTIONS = { share: { type: 'string' }, out: { type: 'string', multiple: true }, lan: { type: 'boolean' }, port: { type: 'string' }, url: { type: 'string' }, json: { type: 'boolean' } } as const;

async function serve(args: string[], context: CliContext): Promise<number> {
  const parsed = parseCommandArgs({ args, context, usage, spec: SERVE_OPTIONS });
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  if (!values.share) return usageError(context, { id: 'Sebutkan folder bersama kantor dengan --share FOLDER.', en: "Name the office's shared folder with --share FOLDER." });
  const share = path.resolve(values.share);
  if (!existsSync(share)) return usageError(context, { id: `Folder bersama ${share} tidak ditemukan.`, en: `The shared folder ${share} was not found.` });
  const outputs = outputFolders(share, values.out ?? []);
  if (typeof outputs === 'string') return usageError(context, { id: `Folder hasil "${outputs}" harus di dalam folder bersama ${share}.`, en: `The output folder "${outputs}" must be inside the shared folder ${share}.` });
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 1024 || port > 65535)) return usageError(context, { id: '--port adalah nomor port 1024 sampai 65535.', en: '--port is a port number from 1024 to 65535.' });
  for (const folder of outputs) await mkdir(path.join(share, ...folder.split('/')), { recursive: true });
  const home = klipkotaHome();
  const coordinator = values.url ? undefined : await startCoordinator({ home, lan: values.lan ?? false, ...(port ? { port } : {}) });
  const url = values.url ?? coordinator!.url;
  try {
    const joinCode = encodeJoinCode({ url, share, outputs });
    await rememberFarm({ home, joinCode, share });
    const address = publicAddress(url);
    if (context.json) context.out(JSON.stringify({ address, lan: values.lan ?? false, joinCode, share, outputs, running: Boolean(coordinator) }));
    else {
      context.out(context.language === 'id' ? `Farm KlipKota: ${address}${coordinator && !values.lan ? ' (hanya PC ini; tambahkan --lan untuk jaringan kantor)' : ''}` : `KlipKota farm: ${address}${coordinator && !values.lan ? ' (this PC only; add --lan for the office network)' : ''}`);
      context.out(context.language === 'id' ? `Folder bersama: ${share}   folder hasil: ${outputs.join(', ')}` : `Shared folder: ${share}   output folders: ${outputs.join(', ')}`);
      context.out(context.language === 'id' ? 'Kode gabung (salin ke setiap PC pekerja, rahasiakan):' : 'Join code (copy it to every worker PC, keep it private):');
      context.out(joinCode);
      context.out(context.language === 'id' ? 'Di PC pekerja: klipkota farm work --join KODE [--share FOLDER]' : 'On a worker PC: klipkota farm work --join CODE [--share FOLDER]');
      if (coordinator) say(context, { id: 'Tekan Ctrl+C untuk menghentikan farm (pekerjaan yang antre tetap tersimpan).', en: 'Press Ctrl+C to stop the farm (queued jobs are kept).' });
    }
    if (coordinator) await stopped(context);
    return EXIT.ok;
  } finally {
    await coordinator?.stop();
  }
}

function describeEvent(event: FarmWorkerEvent, language: 'id' | 'en'): string {
  switch (event.event) {
    case 'started':
      return language === 'id' ? `[${event.jobId}] mulai: ${event.projectName} (${event.presets.join(', ')})` : `[${event.jobId}] starting: ${event.projectName} (${event.presets.join(', ')})`;
    case 'progress':
      return `[${event.jobId}] ${event.preset ?? ''} ${event.percent.toFixed(0)}%`;
    case 'done':
      return language === 'id' ? `[${event.jobId}] selesai → ${event.outputs.join(', ')}` : `[${event.jobId}] done → ${event.outputs.join(', ')}`;
    case 'failed':
      return language === 'id' ? `[${event.jobId}] gagal: ${event.message.id}` : `[${event.jobId}] failed: ${event.message.en}`;
    case 'returned':
      return language === 'id' ? `[${event.jobId}] dihentikan, dikembalikan ke antrean` : `[${event.jobId}] stopped, back in the queue`;
  }
}

const WORK_OPTIONS = { join: { type: 'string' }, share: { type: 'string' }, name: { type: 'string' }, 'lock-seconds': { type: 'string' }, json: { type: 'boolean' } } as const;

async function work(args: string[], context: CliContext): Promise<number> {
  const parsed = parseCommandArgs({ args, context, usage, spec: WORK_OPTIONS });
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const lockSeconds = values['lock-seconds'] === undefined ? 30 : Number(values['lock-seconds']);
  if (!Number.isFinite(lockSeconds) || lockSeconds < 1 || lockSeconds > 600) return usageError(context, { id: '--lock-seconds adalah 1 sampai 600 detik.', en: '--lock-seconds is 1 to 600 seconds.' });
  const home = klipkotaHome();
  const farm = await farmToUse({ home, ...(values.join ? { joinCode: values.join } : {}), ...(values.share ? { share: values.share } : {}) });
  if (!farm.share || !existsSync(farm.share)) {
    return usageError(context, { id: `Folder bersama ${farm.share ?? ''} tidak terlihat di PC ini. Sebutkan dengan --share FOLDER.`, en: `The shared folder ${farm.share ?? ''} is not visible on this PC. Name it with --share FOLDER.` });
  }
  const address = publicAddress(farm.join.url);
  await farmStatus({ url: farm.join.url, language: context.language, limit: 1 }).catch((error: unknown) => {
    throw farmUnreachable(error, address);
  });
  await rememberFarm({ home, joinCode: farm.joinCode, share: farm.share });
  const worker = startFarmWorker({
    join: farm.join,
    share: farm.share,
    home,
    lockMs: Math.round(lockSeconds * 1000),
    signal: context.signal,
    ...(values.name ? { name: values.name } : {}),
    onEvent: (event) => (context.json ? context.out(JSON.stringify(event)) : context.err(describeEvent(event, context.language))),
  });
  if (context.json) context.out(JSON.stringify({ event: 'ready', worker: worker.name, address }));
  else say(context, { id: `Pekerja ${worker.name} tergabung ke ${address}. Tekan Ctrl+C untuk berhenti.`, en: `Worker ${worker.name} joined ${address}. Press Ctrl+C to stop.` });
  await stopped(context);
  await worker.close();
  return EXIT.ok;
}

export function printStatus(status: FarmStatus, context: CliContext): void {
  const id = context.language === 'id';
  const { counts } = status;
  context.out(`${id ? 'Farm' : 'Farm'} ${status.address} (${status.backend}): ${counts.waiting} ${id ? 'antre' : 'waiting'}, ${counts.active} ${id ? 'dirender' : 'rendering'}, ${counts.done} ${id ? 'selesai' : 'done'}, ${counts.parked} ${id ? 'diparkir (gagal 3 kali)' : 'parked (failed 3 times)'}`);
  context.out(`${id ? 'Pekerja' : 'Workers'}: ${status.workers.map((worker) => `${worker.name}${worker.busyWith.length ? ` (${worker.busyWith.join(', ')})` : ''}`).join(', ') || '-'}`);
  for (const job of status.jobs) {
    const extra = job.state === 'active' ? ` ${job.percent?.toFixed(0) ?? 0}% ${job.worker ?? ''}` : job.state === 'done' ? ` ${job.outputs.join(', ')}` : job.error ? ` ${job.error}` : '';
    context.out(`${job.state.padEnd(8)} ${job.id}  ${job.projectName}${extra}`);
  }
}

async function status(args: string[], context: CliContext): Promise<number> {
  const parsed = parseCommandArgs({ args, context, usage, spec: { join: { type: 'string' }, json: { type: 'boolean' } } });
  if (typeof parsed === 'number') return parsed;
  const farm = await farmToUse({ home: klipkotaHome(), ...(parsed.values.join ? { joinCode: parsed.values.join } : {}) });
  const result = await farmStatus({ url: farm.join.url, language: context.language }).catch((error: unknown) => {
    throw farmUnreachable(error, publicAddress(farm.join.url));
  });
  if (context.json) context.out(JSON.stringify(result));
  else printStatus(result, context);
  return EXIT.ok;
}

export const farmCommand: CliCommand = async (args, context) => {
  const [sub, ...rest] = args;
  try {
    if (sub === 'serve') return await serve(rest, context);
    if (sub === 'work') return await work(rest, context);
    if (sub === 'status') return await status(rest, context);
    return usageError(context, { id: `Subperintah farm: serve, work atau status. Pemakaian: ${usage}`, en: `Farm subcommands: serve, work or status. Usage: ${usage}` });
  } catch (error) {
    return reportError(error, context);
  }
};
