/**
 * Progress of an FFmpeg run, parsed from the key=value blocks that
 * `-progress pipe:1` writes (one block per update, each ending with a
 * `progress=continue` or `progress=end` line). Pure: no I/O, no clocks.
 */

export interface Progress {
  /** 0..100 */
  percent: number;
  /** how far the output has got, in seconds (never negative) */
  outSeconds: number;
  /** encoding speed as a multiple of real time (for example 1.5 for "1.5x") */
  speed?: number;
  /** estimated seconds left, from the elapsed time and the fraction done */
  etaSeconds?: number;
  /** the block ended with progress=end */
  done: boolean;
}

function finiteNumber(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  if (trimmed === '' || /^n\/a$/i.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}

/** "HH:MM:SS.micro", possibly with a leading minus sign, to seconds. */
function clockToSeconds(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const match = /^(-)?(\d+):(\d{1,2}):(\d{1,2}(?:\.\d+)?)$/.exec(text.trim());
  if (!match) return undefined;
  const seconds = Number(match[2]) * 3600 + Number(match[3]) * 60 + Number(match[4]);
  return match[1] ? -seconds : seconds;
}

function parseFields(block: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of block.split(/\r?\n/)) {
    const equals = line.indexOf('=');
    if (equals <= 0) continue;
    fields.set(line.slice(0, equals).trim(), line.slice(equals + 1).trim());
  }
  return fields;
}

/**
 * One `-progress` block to a Progress, or undefined when the block has no
 * `progress=` line (not a complete block). `expectedSeconds` is the length of
 * the output; `elapsedSeconds` is the wall time since the run started.
 */
export function parseProgressBlock(options: { block: string; expectedSeconds: number; elapsedSeconds: number }): Progress | undefined {
  const fields = parseFields(options.block);
  const state = fields.get('progress');
  if (state === undefined) return undefined;
  const done = state === 'end';

  // out_time_us is microseconds; out_time_ms is, despite its name, also microseconds.
  const micro = finiteNumber(fields.get('out_time_us')) ?? finiteNumber(fields.get('out_time_ms'));
  const rawSeconds = micro !== undefined ? micro / 1e6 : (clockToSeconds(fields.get('out_time')) ?? 0);
  const outSeconds = Math.max(0, rawSeconds);

  const speedText = fields.get('speed');
  const speedValue = speedText !== undefined ? finiteNumber(speedText.replace(/x$/i, '')) : undefined;
  const speed = speedValue !== undefined && speedValue > 0 ? speedValue : undefined;

  const expected = options.expectedSeconds;
  let fraction = done ? 1 : expected > 0 ? outSeconds / expected : 0;
  fraction = Math.min(1, Math.max(0, fraction));
  const percent = Math.round(fraction * 1000) / 10;

  let etaSeconds: number | undefined;
  if (done) etaSeconds = 0;
  else if (fraction > 0 && options.elapsedSeconds > 0) {
    etaSeconds = Math.max(0, (options.elapsedSeconds * (1 - fraction)) / fraction);
  }

  return {
    percent,
    outSeconds,
    ...(speed !== undefined ? { speed } : {}),
    ...(etaSeconds !== undefined ? { etaSeconds } : {}),
    done,
  };
}

export interface ProgressReader {
  /** feed a chunk of FFmpeg's stdout (blocks may be split across chunks) */
  push(chunk: string): void;
  /** the last progress reported, if any */
  last(): Progress | undefined;
}

/**
 * Splits `-progress` output into blocks and reports each parsed block.
 * The second argument is the expected output length in seconds, or an object
 * with it and a `now` clock in seconds (injected so tests need no timings).
 */
export function createProgressReader(
  onProgress: (progress: Progress) => void,
  expected: number | { expectedSeconds: number; now?: () => number },
): ProgressReader {
  const expectedSeconds = typeof expected === 'number' ? expected : expected.expectedSeconds;
  const now = (typeof expected === 'number' ? undefined : expected.now) ?? (() => Date.now() / 1000);
  const startedAt = now();
  let pending = '';
  let lastProgress: Progress | undefined;
  return {
    push(chunk: string) {
      pending += chunk;
      for (;;) {
        const match = /^progress=[^\r\n]*\r?\n/m.exec(pending);
        if (!match) break;
        const end = match.index + match[0].length;
        const block = pending.slice(0, end);
        pending = pending.slice(end);
        let progress = parseProgressBlock({ block, expectedSeconds, elapsedSeconds: now() - startedAt });
        // A block without a usable time (N/A before the first packet) never moves the bar backwards.
        if (progress && lastProgress && !progress.done && progress.outSeconds < lastProgress.outSeconds) {
          progress = { ...progress, percent: lastProgress.percent, outSeconds: lastProgress.outSeconds };
          if (lastProgress.etaSeconds !== undefined) progress.etaSeconds = lastProgress.etaSeconds;
        }
        if (progress) {
          lastProgress = progress;
          onProgress(progress);
        }
      }
    },
    last: () => lastProgress,
  };
}
