/**
 * Runs one FFmpeg pass exactly as core/plan wrote it (args.ts): the engine adds
 * nothing to the list; it only writes the graph script first when the plan
 * passes the graph by file.
 */
import { writeFile } from 'node:fs/promises';
import type { PassCommand } from '../../../core/plan/args.js';
import type { Progress } from '../../../core/progress.js';
import { runFfmpeg, type RunResult } from '../ffmpeg/runner.js';

/** Run one pass as core/plan wrote it, writing its graph script first when the plan passes the graph by file. */
export async function runPass(options: {
  command: PassCommand;
  signal?: AbortSignal;
  log?: (line: string) => void;
  onProgress?: (progress: Progress) => void;
}): Promise<RunResult> {
  const { command } = options;
  if (command.script) await writeFile(command.script.path, command.script.text, 'utf8');
  return runFfmpeg({
    args: command.args,
    complete: true,
    expectedSeconds: command.expectedSeconds,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.log ? { log: options.log } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
}
