/**
 * A bounded worker pool for background FFmpeg work (timeline thumbnails,
 * waveforms): at most `size` tasks run at once, the rest wait in order.
 * Tasks with the same key share one run while it is in flight.
 */
export interface WorkPool {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
  /** tasks running now and waiting */
  stats(): { active: number; waiting: number; peakActive: number };
}

export function createWorkPool(size: number): WorkPool {
  const limit = Math.max(1, Math.floor(size));
  const waiting: Array<() => void> = [];
  const inFlight = new Map<string, Promise<unknown>>();
  let active = 0;
  let peakActive = 0;

  const next = () => {
    if (active >= limit) return;
    const start = waiting.shift();
    if (start) start();
  };

  const schedule = <T>(task: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      waiting.push(() => {
        active += 1;
        peakActive = Math.max(peakActive, active);
        task()
          .then(resolve, reject)
          .finally(() => {
            active -= 1;
            next();
          });
      });
      next();
    });

  return {
    run<T>(key: string, task: () => Promise<T>): Promise<T> {
      const existing = inFlight.get(key) as Promise<T> | undefined;
      if (existing) return existing;
      const promise = schedule(task).finally(() => inFlight.delete(key));
      inFlight.set(key, promise);
      return promise;
    },
    stats: () => ({ active, waiting: waiting.length, peakActive }),
  };
}
