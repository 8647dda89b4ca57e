/**
 * The progress of a whole queue of jobs, for the batch's overall bar and its
 * time left: each job counts as one share, split evenly among its presets.
 * Pure: the caller passes the elapsed time.
 */

export interface JobProgress {
  /** presets the job renders, in order */
  presets: string[];
  /** the job has ended (done, failed or cancelled) */
  finished: boolean;
  /** the preset being rendered and its percent (0..100) */
  current?: { preset: string; percent: number };
}

export interface QueueProgress {
  /** 0..100 */
  percent: number;
  /** seconds left for the whole queue, once enough is done to say */
  etaSeconds?: number;
}

function jobFraction(job: JobProgress): number {
  if (job.finished) return 1;
  if (!job.current || job.presets.length === 0) return 0;
  const index = Math.max(0, job.presets.indexOf(job.current.preset));
  const percent = Math.min(100, Math.max(0, job.current.percent));
  return (index + percent / 100) / job.presets.length;
}

export function queueProgress(options: { jobs: JobProgress[]; elapsedSeconds: number }): QueueProgress {
  const { jobs, elapsedSeconds } = options;
  if (jobs.length === 0) return { percent: 100 };
  const fraction = jobs.reduce((sum, job) => sum + jobFraction(job), 0) / jobs.length;
  const percent = Math.min(100, fraction * 100);
  // too early to tell: the first seconds are probing and rasterizing, not a rate
  if (fraction < 0.02 || elapsedSeconds < 2) return { percent };
  return { percent, etaSeconds: Math.max(0, (elapsedSeconds / fraction) * (1 - fraction)) };
}
