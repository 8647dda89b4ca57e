/**
 * Outputs that a crashed runner had renamed into place but not yet recorded in
 * the queue (the crash fell between the rename and the queue write): recovery
 * finds them, and the next run adopts them instead of rendering them again.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ExportOutput } from '@core/api/contract.js';
import type { QueueJob } from '@core/queue.js';
import { probeMedia } from '../ffmpeg/probe.js';

/**
 * Outputs a runner renamed into place and died before recording: no `.part` of
 * that target is left (an export writes its picture to one `.part` and the
 * file itself to another, recorded only right before it is written, and
 * removes the picture's once the file is made), and the final file (the `.part`
 * name without `.<pid>-<random>.part`) was written after the job started. Only
 * a finished, verified file is ever renamed to its final name, so such a file
 * is whole.
 */
export function landedOutputs(job: QueueJob): string[] {
  const started = Date.parse(job.startedAt ?? job.createdAt);
  const byTarget = new Map<string, string[]>();
  for (const partial of job.partials) {
    const target = partial.replace(/\.[0-9]+-[0-9a-f]{8}\.part$/, '');
    if (target !== partial) byTarget.set(target, [...(byTarget.get(target) ?? []), partial]);
  }
  return [...byTarget].flatMap(([target, partials]) => {
    if (partials.some((partial) => existsSync(partial)) || job.outputs.some((output) => output.path === target)) return [];
    const modified = statSync(target, { throwIfNoEntry: false })?.mtimeMs;
    return modified !== undefined && modified >= started - 1000 ? [target] : [];
  });
}

/** Record the outputs recovery found in place (see landedOutputs), probed as any output is verified. */
export async function adoptLanded(job: QueueJob, record: (output: ExportOutput) => void): Promise<void> {
  for (const file of job.landed ?? []) {
    const preset = job.presets.find((id) => (job.outputNames?.[id] ? path.basename(file) === job.outputNames[id] : file.endsWith(`-${id}.mp4`)));
    const info = preset ? await probeMedia(file).catch(() => undefined) : undefined;
    if (!preset || !info?.video) continue;
    record({ preset, path: file, width: info.video.displayWidth, height: info.video.displayHeight, durationSeconds: info.durationSeconds, bytes: info.sizeBytes, warnings: [] });
  }
}
