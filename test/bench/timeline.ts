/**
 * `npm run bench -- --timeline [--json]`: the timeline at scale, in Chromium
 * through the harness (the built renderer: run `npm run build:renderer` first).
 *
 * - Thumbnails of a 10-minute 720p clip: the engine's strip (fast seek,
 *   one small frame, pool of two, fresh cache) against a plain sequential
 *   FFmpeg loop on the same file (`-ss` before `-i`, one frame each):
 *   the first one, and twenty spread over the clip.
 * - A generated 500-clip project (with lower thirds, music, markers) at
 *   1366x768: the frame time of a 3-second clip drag and of a 3-second trim,
 *   p95 and max. Frame time = from the pointer event to the end of the frame
 *   that shows it (handler, React, style, layout, paint); the interval between
 *   animation frames is printed beside it.
 * - Screenshots of the timeline with 500 clips (fit, and zoomed in) in out/screenshots.
 */
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { runFfmpeg } from '../../electron/engine/ffmpeg/runner.js';
import { makeSampleClip, makeSampleMusic } from '../../electron/engine/media/samples.js';
import { createMediaStrips } from '../../electron/engine/media/strips.js';
import { startHarness } from '../../electron/harness/server.js';
import { launchBrowser } from '../e2e/browser.js';

const OUT = path.resolve('out');
const MEDIA = path.join(OUT, 'bench-media', 'timeline');
const WORK = path.join(OUT, 'bench-work', 'timeline');
const LONG_SECONDS = 600;

type Say = (line: string) => void;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function makeMedia(say: Say): Promise<{ long: string; shorts: string[]; music: string }> {
  await mkdir(MEDIA, { recursive: true });
  const long = path.join(MEDIA, 'rapat-10-menit.mp4');
  if (!existsSync(long)) {
    say('making the 10-minute clip (once, into out/bench-media/timeline)…');
    await runFfmpeg({
      args: ['-f', 'lavfi', '-i', `testsrc2=size=1280x720:rate=30:duration=${LONG_SECONDS}`, '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '60', '-pix_fmt', 'yuv420p', '-y', `${long}.part.mp4`],
    });
    await runFfmpeg({ args: ['-i', `${long}.part.mp4`, '-c', 'copy', '-movflags', '+faststart', '-y', long] });
    await rm(`${long}.part.mp4`, { force: true });
  }
  const colours = ['0xC62828', '0x1B8A4B', '0x0B4EA2', '0xF2B705', '0x6A1B9A'];
  const shorts = colours.map((_, index) => path.join(MEDIA, `klip-${index + 1}.mp4`));
  for (const [index, file] of shorts.entries()) {
    if (!existsSync(file)) await makeSampleClip({ path: file, seconds: 4, width: 320, height: 180, pattern: 'color', color: colours[index]! });
  }
  const music = path.join(MEDIA, 'musik.m4a');
  if (!existsSync(music)) await makeSampleMusic({ path: music, seconds: 60 });
  return { long, shorts, music };
}

async function timeThumbnails(long: string, say: Say): Promise<Record<string, number>> {
  const times = Array.from({ length: 20 }, (_, index) => 5 + index * 29.5);
  // the engine: fresh cache, the pool of two, all twenty asked at once as the timeline does
  const cacheDir = path.join(WORK, 'thumb-cache');
  await rm(cacheDir, { recursive: true, force: true });
  await rm(path.join(WORK, 'thumb-warm'), { recursive: true, force: true });
  const strips = createMediaStrips({ cacheDir });
  // warm-up, not counted: the binary and the file's index in the page cache, for both sides alike
  await createMediaStrips({ cacheDir: path.join(WORK, 'thumb-warm') }).thumbnail({ path: long, atSeconds: 300 });
  await runFfmpeg({ args: ['-ss', '300', '-i', long, '-frames:v', '1', '-vf', 'scale=-2:54', '-y', path.join(WORK, 'plain-warm.jpg')] });
  let started = performance.now();
  await strips.thumbnail({ path: long, atSeconds: 0 });
  const engineFirst = performance.now() - started;
  started = performance.now();
  let firstOfTwenty = 0;
  await Promise.all(
    times.map((atSeconds) =>
      strips.thumbnail({ path: long, atSeconds }).then(() => {
        firstOfTwenty ||= performance.now() - started;
      }),
    ),
  );
  const engineTwenty = performance.now() - started;
  // the plain loop: one ffmpeg after the other, -ss before -i, one frame each, same size
  const plainOne = async (atSeconds: number, index: number) =>
    runFfmpeg({
      args: ['-ss', String(atSeconds), '-i', long, '-frames:v', '1', '-vf', 'scale=-2:54', '-y', path.join(WORK, `plain-${index}.jpg`)],
    });
  started = performance.now();
  await plainOne(0, 99);
  const plainFirst = performance.now() - started;
  started = performance.now();
  for (const [index, atSeconds] of times.entries()) await plainOne(atSeconds, index);
  const plainTwenty = performance.now() - started;
  say('\nthumbnails of a 10-minute 1280x720 clip (key frame every 2 s):');
  say(`  first thumbnail:   engine ${engineFirst.toFixed(0)} ms   plain ffmpeg ${plainFirst.toFixed(0)} ms   (goal < 200 ms)`);
  say(`  twenty thumbnails: engine ${engineTwenty.toFixed(0)} ms (first of them after ${firstOfTwenty.toFixed(0)} ms)   plain sequential loop ${plainTwenty.toFixed(0)} ms   (goal <= 1500 ms)`);
  return { engineFirstMs: engineFirst, engineTwentyMs: engineTwenty, plainFirstMs: plainFirst, plainTwentyMs: plainTwenty };
}

function bigProject(media: { shorts: string[]; music: string }): unknown {
  const video = Array.from({ length: 500 }, (_, index) => ({
    kind: 'clip',
    id: `clip-${index + 1}`,
    name: `klip-${index + 1}`,
    media: { path: media.shorts[index % media.shorts.length]! },
    sourceRange: { start: (index * 7) % 30, duration: 30 + ((index * 13) % 60) },
  }));
  const length = video.reduce((sum, clip) => sum + clip.sourceRange.duration, 0);
  const overlay = Array.from({ length: 40 }, (_, index) => ({
    kind: 'overlay',
    id: `overlay-${index + 1}`,
    template: 'lower-third',
    fields: { name: `Narasumber ${index + 1}`, role: 'Warga Kelurahan Kauman' },
    start: Math.floor((index * length) / 40) + 20,
    duration: 90,
  }));
  const markers = Array.from({ length: 25 }, (_, index) => ({ id: `marker-${index + 1}`, frame: Math.floor((index * length) / 25) + 45, note: `catatan ${index + 1}` }));
  return {
    kind: 'klipkota.project',
    version: 3,
    name: 'Rekap 500 klip',
    timeline: { markers, tracks: { video, overlay, audio: [{ kind: 'music', id: 'music-1', media: { path: media.music } }] } },
  };
}

/**
 * Record, in the page, the frame time of every pointer move and the interval
 * between animation frames. (A string, so the bundler's helpers stay out of the page.)
 */
const RECORDER = `(() => {
  const record = { work: [], intervals: [], running: true };
  window.__frames = record;
  document.addEventListener('pointermove', () => {
    const start = performance.now();
    // the callback after the next animation frame runs once that frame is painted
    requestAnimationFrame(() => setTimeout(() => record.work.push(performance.now() - start), 0));
  }, { capture: true });
  let last = performance.now();
  const tick = (now) => {
    record.intervals.push(now - last);
    last = now;
    if (record.running) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;

async function startRecording(page: Page): Promise<void> {
  await page.evaluate(RECORDER);
}

async function stopRecording(page: Page): Promise<{ work: number[]; intervals: number[] }> {
  return page.evaluate(() => {
    const record = (window as unknown as { __frames: { work: number[]; intervals: number[]; running: boolean } }).__frames;
    record.running = false;
    return { work: record.work.slice(), intervals: record.intervals.slice(1) };
  });
}

/** Hold the mouse down at `from` and sweep right and back for three seconds, about 60 moves a second. */
async function sweep(page: Page, from: { x: number; y: number }, reach: number): Promise<{ work: number[]; intervals: number[] }> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await startRecording(page);
  const started = Date.now();
  for (let step = 0; Date.now() - started < 3000; step += 1) {
    const phase = (step % 120) / 60;
    const offset = phase <= 1 ? phase * reach : (2 - phase) * reach;
    await page.mouse.move(from.x + offset + 1, from.y);
    await page.waitForTimeout(12);
  }
  const frames = await stopRecording(page);
  await page.mouse.up();
  return frames;
}

function report(say: Say, what: string, frames: { work: number[]; intervals: number[] }): Record<string, number> {
  const result = {
    moves: frames.work.length,
    p95Ms: percentile(frames.work, 95),
    maxMs: Math.max(0, ...frames.work),
    intervalP95Ms: percentile(frames.intervals, 95),
    intervalMaxMs: Math.max(0, ...frames.intervals),
  };
  say(
    `  ${what.padEnd(22)} ${String(result.moves).padStart(4)} moves  frame time p95 ${result.p95Ms.toFixed(1)} ms, max ${result.maxMs.toFixed(1)} ms   (animation-frame interval p95 ${result.intervalP95Ms.toFixed(1)} ms, max ${result.intervalMaxMs.toFixed(1)} ms)`,
  );
  return result;
}

async function timeline500(media: { shorts: string[]; music: string }, say: Say): Promise<Record<string, unknown>> {
  const projectFile = path.join(WORK, 'rekap-500.klipkota.json');
  await writeFile(projectFile, JSON.stringify(bigProject(media)));
  const harness = await startHarness({ home: path.join(WORK, 'home') });
  const browser = await launchBrowser({ viewport: { width: 1366, height: 768 } });
  try {
    const { page } = browser;
    await page.goto(harness.url);
    const opened = performance.now();
    await page.getByTestId('project-open-path').locator('input').fill(projectFile);
    await page.getByTestId('project-open-path').locator('button').click();
    await page.locator('[data-testid="timeline-clip"]').first().waitFor();
    const openMs = performance.now() - opened;
    await page.getByTestId('timeline').scrollIntoViewIfNeeded();
    const drawn = await page.locator('[data-testid="timeline-clip"]').count();
    say(`\n500-clip project in Chromium 1366x768: open to first clip drawn ${openMs.toFixed(0)} ms; clip blocks in the page: ${drawn} of 500`);
    await page.waitForTimeout(1500);
    await page.getByTestId('timeline').screenshot({ path: path.join(OUT, 'screenshots', 'timeline-500-clips-zoomed.png') });
    // the window as the admin sees it at 1366x768 (not the whole scrolled page)
    await page.screenshot({ path: path.join(OUT, 'screenshots', 'timeline-500-clips-window.png') });
    const third = await page.locator('[data-testid="timeline-clip"]').nth(2).boundingBox();
    const drag = report(say, '3 s drag (reorder)', await sweep(page, { x: third!.x + third!.width / 2, y: third!.y + 20 }, 400));
    await page.keyboard.press('Control+Z');
    const handle = await page.locator('[data-testid="timeline-clip"]').nth(4).locator('[data-testid="trim-end"]').boundingBox();
    const trim = report(say, '3 s trim (end edge)', await sweep(page, { x: handle!.x + 4, y: handle!.y + 20 }, -60));
    await page.keyboard.press('Control+Z');
    await page.getByTestId('timeline-fit').click();
    await page.waitForTimeout(1500);
    await page.getByTestId('timeline').screenshot({ path: path.join(OUT, 'screenshots', 'timeline-500-clips-fit.png') });
    const fitDrawn = await page.locator('[data-testid="timeline-clip"]').count();
    const scroll = report(say, '3 s drag at fit zoom', await sweep(page, { x: 400, y: third!.y + 20 }, 600));
    say(`  (at fit zoom ${fitDrawn} blocks are drawn; goal: frame time p95 under 16 ms)`);
    say(`  screenshots: out/screenshots/timeline-500-clips-zoomed.png, timeline-500-clips-fit.png, timeline-500-clips-window.png`);
    return { openMs, drawn, drag, trim, fitDrag: scroll, pageErrors: browser.pageErrors };
  } finally {
    await browser.close();
    await harness.close();
  }
}

/** In Chromium: a project of the 10-minute clip opened with a fresh cache; from its block on screen to the first and to all visible thumbnails drawn. */
async function thumbnailsOnScreen(long: string, say: Say): Promise<Record<string, number>> {
  const projectFile = path.join(WORK, 'rapat.klipkota.json');
  await writeFile(
    projectFile,
    JSON.stringify({
      kind: 'klipkota.project',
      version: 3,
      name: 'Rapat 10 menit',
      timeline: { tracks: { video: [{ kind: 'clip', id: 'clip-1', media: { path: long }, sourceRange: { start: 0, duration: LONG_SECONDS * 30 } }] } },
    }),
  );
  const home = path.join(WORK, 'home-thumbs');
  await rm(home, { recursive: true, force: true });
  const harness = await startHarness({ home });
  const browser = await launchBrowser({ viewport: { width: 1366, height: 768 } });
  try {
    const { page } = browser;
    await page.goto(harness.url);
    await page.getByTestId('project-open-path').locator('input').fill(projectFile);
    await page.getByTestId('project-open-path').locator('button').click();
    await page.locator('[data-testid="timeline-clip"]').first().waitFor();
    const started = await page.evaluate(() => performance.now());
    const first = await page.waitForFunction(
      () => [...document.querySelectorAll<HTMLImageElement>('[data-testid="timeline-clip"] img')].some((img) => img.complete && img.naturalWidth > 0) && performance.now(),
      undefined,
      { polling: 'raf', timeout: 30_000 },
    );
    const firstAt = (await first.jsonValue()) as number;
    const all = await page.waitForFunction(
      () =>
        document.querySelectorAll('[data-testid="timeline-clip"] .tl-clip__thumb--empty').length === 0 &&
        [...document.querySelectorAll<HTMLImageElement>('[data-testid="timeline-clip"] img')].every((img) => img.complete && img.naturalWidth > 0) &&
        performance.now(),
      undefined,
      { polling: 'raf', timeout: 60_000 },
    );
    const allAt = (await all.jsonValue()) as number;
    const count = await page.locator('[data-testid="timeline-clip"] img').count();
    say(`  on screen in Chromium (fresh cache): first thumbnail ${(firstAt - started).toFixed(0)} ms after the clip's block appeared, all ${count} visible ones after ${(allAt - started).toFixed(0)} ms`);
    return { onScreenFirstMs: firstAt - started, onScreenAllMs: allAt - started, onScreenCount: count };
  } finally {
    await browser.close();
    await harness.close();
  }
}

export async function runTimelineBench(options: { say: Say }): Promise<Record<string, unknown>> {
  const { say } = options;
  await mkdir(WORK, { recursive: true });
  await mkdir(path.join(OUT, 'screenshots'), { recursive: true });
  if (!existsSync(path.join(OUT, 'renderer', 'index.html'))) throw new Error('build the renderer first: npm run build:renderer');
  const media = await makeMedia(say);
  const thumbnails = { ...(await timeThumbnails(media.long, say)), ...(await thumbnailsOnScreen(media.long, say)) };
  const timeline = await timeline500(media, say);
  return { thumbnails, timeline };
}
