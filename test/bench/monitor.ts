/**
 * Watches the ffmpeg/ffprobe processes this Node process starts (Linux /proc),
 * without touching the engine: for each one its command line, when it was first
 * and last seen, its peak resident memory (VmHWM) and its CPU time. Used for the
 * engine's runs, whose FFmpeg processes are started inside renderProject.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessRecord {
  pid: number;
  /** `raster` is the engine's resvg child (node -e ...) */
  tool: 'ffmpeg' | 'ffprobe' | 'raster';
  args: string[];
  firstSeenMs: number;
  lastSeenMs: number;
  peakRssBytes: number;
  cpuSeconds: number;
}

const CLOCK_TICKS = 100;

function readStat(pid: number): { ppid: number; cpuSeconds: number; comm: string } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = text.lastIndexOf(')');
    const comm = text.slice(text.indexOf('(') + 1, close);
    const fields = text.slice(close + 2).split(' ');
    // fields[0] is state (field 3); ppid is field 4, utime 14, stime 15
    return { ppid: Number(fields[1]), cpuSeconds: (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS, comm };
  } catch {
    return undefined;
  }
}

function readPeak(pid: number): number | undefined {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Samples every `intervalMs` until stop(); returns the processes seen, in start order. */
export function watchChildren(options: { intervalMs?: number; epoch: number }): { stop: () => ProcessRecord[] } {
  const records = new Map<number, ProcessRecord>();
  const sample = () => {
    const now = performance.now() - options.epoch;
    let entries: string[];
    try {
      entries = readdirSync('/proc');
    } catch {
      return;
    }
    for (const entry of entries) {
      if (!/^\d+$/.test(entry)) continue;
      const pid = Number(entry);
      const stat = readStat(pid);
      if (!stat || stat.ppid !== process.pid) continue;
      // before exec an FFmpeg child still shows as node (with its parent's command line): wait until it is
      // ffmpeg/ffprobe; a node child running resvg (node -e) is the rasterizer
      const tool = stat.comm === 'ffmpeg' || stat.comm === 'ffprobe' ? stat.comm : stat.comm === 'node' ? 'raster' : undefined;
      if (!tool) continue;
      let record = records.get(pid);
      if (!record) {
        let args: string[] = [];
        try {
          args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).slice(1);
        } catch {
          // gone already
        }
        // the rasterizer's child runs resvg in a worker thread; the FFmpeg watchdog (also node -e) lives as long as the engine
        if (tool === 'raster' && !(args[0] === '-e' && args[1]?.includes('worker_threads'))) continue;
        record = { pid, tool, args, firstSeenMs: now, lastSeenMs: now, peakRssBytes: 0, cpuSeconds: 0 };
        records.set(pid, record);
      }
      record.lastSeenMs = now;
      record.cpuSeconds = Math.max(record.cpuSeconds, stat.cpuSeconds);
      record.peakRssBytes = Math.max(record.peakRssBytes, readPeak(pid) ?? 0);
    }
  };
  const timer = setInterval(sample, options.intervalMs ?? 50);
  sample();
  return {
    stop: () => {
      clearInterval(timer);
      return [...records.values()].sort((a, b) => a.firstSeenMs - b.firstSeenMs);
    },
  };
}

/** What an engine process was for, from its arguments. */
export function classify(record: ProcessRecord, videoSeen: boolean): 'probe' | 'raster' | 'verify' | 'audio-measure' | 'audio-apply' | 'audio-encode' | 'audio' | 'video' | 'mux' | 'other' {
  if (record.tool === 'raster') return 'raster';
  if (record.tool === 'ffprobe') return videoSeen ? 'verify' : 'probe';
  if (record.args.includes('libx264')) return 'video';
  if (record.args.includes('pcm_s16le')) return 'audio-apply';
  if (record.args.includes('-c:a')) return 'audio-encode';
  if (record.args.includes('copy')) return 'mux';
  if (record.args.some((arg) => arg.includes('print_format=json'))) return 'audio-measure';
  return 'other';
}

/** One timed run of the engine or the baseline. */
export interface RunSample {
  wallSeconds: number;
  /** peak RSS of the largest FFmpeg process of the run */
  peakRssBytes: number;
  /** per engine step: seconds (process spans; `node` is the rest of the engine call) */
  steps?: Record<string, number>;
  processes: Array<{ step: string; seconds: number; cpuSeconds: number; peakRssMiB: number }>;
}
