/**
 * `klipkota batch ... --farm [--join CODE] [--share FOLDER] [--wait]`: the
 * projects go to the office farm's queue instead of being rendered here. The
 * media and the output folder must be in the shared folder; the pack is sent
 * along once. `--wait` follows the jobs until each is done or parked: exit 0
 * every job done, 1 one was parked (its error printed); without it, exit 0
 * once the jobs are queued.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { EXIT } from '@core/errors.js';
import type { FarmStatus } from '@core/farm.js';
import type { PresetId } from '@core/presets.js';
import { publicAddress } from '../engine/farm/connection.js';
import { farmToUse, farmUnreachable } from '../engine/farm/joined.js';
import { farmStatus } from '../engine/farm/status.js';
import { submitFarmJobs, type SubmittedJob } from '../engine/farm/submit.js';
import { klipkotaHome, packLibraryDir } from '../engine/pack/home.js';
import { usageError, type CliContext } from './context.js';

const POLL_MS = 1000;

/** Follow the jobs until none is waiting or rendering (or Ctrl+C); the last status seen. */
async function waitForJobs(options: { url: string; ids: Set<string>; context: CliContext }): Promise<FarmStatus['jobs']> {
  const { context } = options;
  let last = '';
  for (;;) {
    const status = await farmStatus({ url: options.url, language: context.language });
    const mine = status.jobs.filter((job) => options.ids.has(job.id));
    const finished = mine.filter((job) => job.state === 'done' || job.state === 'parked').length;
    const line = context.language === 'id' ? `Farm: ${finished}/${options.ids.size} selesai` : `Farm: ${finished}/${options.ids.size} finished`;
    if (!context.json && line !== last) context.err(line);
    last = line;
    if (finished === options.ids.size || context.signal.aborted) return mine;
    await sleep(POLL_MS, undefined, { signal: context.signal }).catch(() => undefined);
  }
}

function printSubmitted(jobs: SubmittedJob[], context: CliContext, address: string): void {
  if (context.json) return;
  for (const job of jobs) context.out(`queued   ${job.id}  ${job.projectName}  ${job.outputs.join(', ')}`);
  context.err(
    context.language === 'id'
      ? `${jobs.length} pekerjaan dikirim ke farm ${address}. Pantau dengan: klipkota farm status`
      : `${jobs.length} job(s) sent to the farm at ${address}. Follow them with: klipkota farm status`,
  );
}

export async function sendToFarm(options: {
  named: Array<{ file: string; baseName: string; projectName: string }>;
  presets: PresetId[];
  out: string;
  join?: string;
  share?: string;
  wait: boolean;
  context: CliContext;
}): Promise<number> {
  const { context } = options;
  const farm = await farmToUse({ home: klipkotaHome(), ...(options.join ? { joinCode: options.join } : {}), ...(options.share ? { share: options.share } : {}) });
  if (!farm.share) return usageError(context, { id: 'Sebutkan folder bersama dengan --share FOLDER.', en: 'Name the shared folder with --share FOLDER.' });
  const address = publicAddress(farm.join.url);
  const submitted = await submitFarmJobs({
    url: farm.join.url,
    share: farm.share,
    outputs: farm.join.outputs,
    outDir: options.out,
    presets: options.presets,
    projects: options.named,
    libraryDir: packLibraryDir(),
  }).catch((error: unknown) => {
    throw (error as { code?: string }).code === 'ECONNREFUSED' || /connect|password|authentication/i.test(String((error as Error).message)) ? farmUnreachable(error, address) : error;
  });
  printSubmitted(submitted, context, address);
  if (!options.wait) {
    if (context.json) context.out(JSON.stringify({ jobs: submitted.map((job) => ({ ...job, state: 'queued' })) }));
    return EXIT.ok;
  }
  const ids = new Set(submitted.map((job) => job.id));
  const jobs = await waitForJobs({ url: farm.join.url, ids, context });
  if (context.json) context.out(JSON.stringify({ jobs: jobs.map((job) => ({ id: job.id, projectName: job.projectName, state: job.state, outputs: job.outputs, ...(job.worker ? { worker: job.worker } : {}), ...(job.error ? { error: job.error } : {}) })) }));
  else for (const job of jobs) context.out(`${job.state.padEnd(8)} ${job.projectName}  ${job.state === 'done' ? job.outputs.join(', ') : (job.error ?? '')}`);
  return jobs.length === ids.size && jobs.every((job) => job.state === 'done') ? EXIT.ok : EXIT.failed;
}
