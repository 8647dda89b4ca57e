/**
 * Thumbnails and waveforms for the timeline's tracks, asked from the engine
 * (`timeline.thumbnail`, `timeline.waveform`) and kept in memory. Requests
 * wait in a short queue, newest first (what just came on screen), and one that
 * scrolled away before its turn is never sent; the engine runs its own pool.
 */
import { useEffect, useState } from 'react';
import { call } from '../../api/client.js';

const IN_FLIGHT = 3;
/** thumbnails are asked on a grid of source time, so zooming and scrolling reuse them */
const THUMBNAIL_GRID_SECONDS = 0.5;

interface Pending {
  key: string;
  path: string;
  atSeconds: number;
  wanted: number;
}

const thumbnails = new Map<string, string>();
const failed = new Set<string>();
const listeners = new Map<string, Set<(url: string) => void>>();
const queue: Pending[] = [];
let running = 0;

function pump(): void {
  while (running < IN_FLIGHT) {
    // newest first; skip what nobody wants any more
    let next: Pending | undefined;
    while ((next = queue.pop()) && next.wanted <= 0) listeners.delete(next.key);
    if (!next) return;
    const job = next;
    running += 1;
    call('timeline.thumbnail', { path: job.path, atSeconds: job.atSeconds })
      .then(({ dataUrl }) => {
        thumbnails.set(job.key, dataUrl);
        for (const listener of listeners.get(job.key) ?? []) listener(dataUrl);
      })
      .catch(() => failed.add(job.key))
      .finally(() => {
        listeners.delete(job.key);
        running -= 1;
        pump();
      });
  }
}

export function gridSeconds(seconds: number): number {
  return Math.max(0, Math.round(seconds / THUMBNAIL_GRID_SECONDS) * THUMBNAIL_GRID_SECONDS);
}

/** A thumbnail of `path` near `atSeconds` (on the grid); undefined until it arrives. */
export function useThumbnail(path: string, atSeconds: number, enabled: boolean): string | undefined {
  const key = `${path}\0${atSeconds}`;
  const [url, setUrl] = useState(() => thumbnails.get(key));
  useEffect(() => {
    const known = thumbnails.get(key);
    if (known) {
      setUrl(known);
      return undefined;
    }
    setUrl(undefined);
    if (!enabled || failed.has(key)) return undefined;
    let pending = queue.find((entry) => entry.key === key);
    if (!pending) {
      pending = { key, path, atSeconds, wanted: 0 };
      queue.push(pending);
    }
    const entry = pending;
    entry.wanted += 1;
    const listener = (value: string) => setUrl(value);
    const set = listeners.get(key) ?? new Set();
    set.add(listener);
    listeners.set(key, set);
    pump();
    return () => {
      entry.wanted -= 1;
      listeners.get(key)?.delete(listener);
    };
  }, [key, path, atSeconds, enabled]);
  return url;
}

export interface WaveformPeaks {
  peaksPerSecond: number;
  peaks: Uint8Array;
  /** the highest peak, for drawing quiet files at full height */
  loudest: number;
}

const waveforms = new Map<string, Promise<WaveformPeaks | undefined>>();

function loadWaveform(path: string): Promise<WaveformPeaks | undefined> {
  let promise = waveforms.get(path);
  if (!promise) {
    promise = call('timeline.waveform', { path })
      .then(({ peaksPerSecond, peaks }) => {
        const bytes = Uint8Array.from(atob(peaks), (char) => char.charCodeAt(0));
        return { peaksPerSecond, peaks: bytes, loudest: bytes.reduce((max, value) => Math.max(max, value), 0) };
      })
      .catch(() => undefined);
    waveforms.set(path, promise);
  }
  return promise;
}

export function useWaveform(path: string): WaveformPeaks | undefined {
  const [waveform, setWaveform] = useState<WaveformPeaks | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void loadWaveform(path).then((value) => {
      if (live) setWaveform(value);
    });
    return () => {
      live = false;
    };
  }, [path]);
  return waveform;
}
