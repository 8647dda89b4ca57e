/**
 * Bounds and odd names with real FFmpeg and the real CLI: a graph longer than
 * Linux takes as one argument (E2BIG) renders through -filter_complex_script;
 * a gap of ten million frames and a pad colour named `constructor` exit 2 with
 * a message naming the problem, before any FFmpeg run; a pack graphic using
 * {{color.constructor}} is refused when the pack is read.
 */
import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectSchema } from '@core/model/project.js';
import { renderProject } from '../../electron/engine/export/render.js';
import { makeSampleClip } from '../../electron/engine/media/samples.js';
import { builtInPacksDir, loadPackFolder } from '../../electron/engine/pack/load.js';
import { runKlipkota } from '../helpers/cli.js';
import { makeTempDir, type TempDir } from '../helpers/media.js';
import { frameAt, pixel, streams } from '../helpers/video.js';

let temp: TempDir;

beforeAll(async () => {
  temp = await makeTempDir('klipkota-bounds-');
  // a green 16:9 clip: in 9:16 every clip gets the blur-fill graph, the longest per clip
  await makeSampleClip({ path: temp.file('hijau.mp4'), seconds: 1, width: 320, height: 180, audio: false, pattern: 'color', color: '0x20C040' });
});

afterAll(async () => {
  await temp?.remove();
});

function projectFile(options: { clips: number; clipFrames?: number; gapFrames?: number; reframe?: unknown }) {
  return {
    kind: 'klipkota.project',
    version: 3,
    name: 'Batas',
    fps: 30,
    intro: false,
    outro: false,
    logo: false,
    fields: { title: 'Batas', date: '1 Desember 2026' },
    timeline: {
      tracks: {
        video: [
          ...Array.from({ length: options.clips }, (_, index) => ({
            kind: 'clip',
            id: `clip-${index + 1}`,
            media: { path: 'hijau.mp4' },
            sourceRange: { start: index % 20, duration: options.clipFrames ?? 2 },
            ...(options.reframe ? { reframe: options.reframe } : {}),
          })),
          ...(options.gapFrames ? [{ kind: 'gap', id: 'jeda', duration: options.gapFrames }] : []),
        ],
        overlay: [],
      },
    },
  };
}

describe('a filter graph longer than one command-line argument may be', () => {
  it('renders 240 two-frame clips through -filter_complex_script, every frame there', async () => {
    const logged: string[] = [];
    const [output] = await renderProject({
      project: ProjectSchema.parse(projectFile({ clips: 240 })),
      // two frames each: one-frame clips lose frames at the joins, script or not (a separate compiler issue)
      projectDir: temp.dir,
      presets: ['tiktok'],
      outDir: temp.file('out-240'),
      log: (line) => logged.push(line),
    });
    const video = logged.find((line) => line.includes('-c:v libx264'))!;
    expect(video).toContain('-filter_complex_script');
    expect(video).not.toContain('concat=n=240');
    // the graph that went by file: longer than Linux takes as one argument (128 KiB), which failed with E2BIG before
    const script = /-filter_complex_script (\S+)/.exec(video)![1]!;
    // the sound's graph (240 stretches of silence) goes by file too
    expect(logged.some((line) => /-filter_complex_script \S+measure/.test(line))).toBe(true);
    expect(Math.max(...logged.map((line) => line.length))).toBeLessThan(64 * 1024);
    const info = await streams(output!.path);
    const picture = info.streams.find((stream) => stream.codec_type === 'video')!;
    expect([picture.width, picture.height]).toEqual([1080, 1920]);
    expect(Number(picture.nb_frames)).toBe(480);
    expect(info.streams.some((stream) => stream.codec_type === 'audio')).toBe(true);
    expect(Number(info.format.duration)).toBeCloseTo(16, 1);
    // the green clip in the middle of the frame, at the start and at the end
    for (const seconds of [0.1, 15.9]) {
      const frame = await frameAt(output!.path, seconds);
      const [r, g, b] = pixel(frame, 540, 960);
      expect(g).toBeGreaterThan(r + 50);
      expect(g).toBeGreaterThan(b + 50);
    }
    // the work folder (scripts included) is gone
    await expect(readFile(script)).rejects.toMatchObject({ code: 'ENOENT' });
  }, 600_000);
});

describe('bad input from a project file: exit 2 with a message naming it, before any FFmpeg run', () => {
  const render = async (name: string, project: unknown) => {
    const file = temp.file(`${name}.klipkota.json`);
    await writeFile(file, JSON.stringify(project));
    const out = temp.file(`out-${name}`);
    const run = await runKlipkota({ args: ['render', file, '--preset', 'tiktok', '--out', out, '--json'], env: { LANG: 'id_ID.UTF-8' } });
    const entries = await readdir(out).catch(() => [] as string[]);
    return { run, error: JSON.parse(run.stdout).error as { code: string; message: string }, entries };
  };

  it('a gap of ten million frames (92 hours)', async () => {
    const { run, error, entries } = await render('jeda', projectFile({ clips: 1, gapFrames: 10_000_000 }));
    expect(run.code).toBe(2);
    expect(error.code).toBe('project-too-long');
    expect(error.message).toMatch(/92\.\d jam.*batas 3 jam/);
    expect(entries).toEqual([]);
  }, 60_000);

  it('more clips than one export takes', async () => {
    const { run, error } = await render('banyak', projectFile({ clips: 2000 }));
    expect(run.code).toBe(2);
    expect(error.code).toBe('project-too-many-clips');
    expect(error.message).toContain('2000 klip');
  }, 60_000);

  it('a pad colour named constructor', async () => {
    const { run, error, entries } = await render('warna', projectFile({ clips: 1, reframe: { mode: 'pad', color: 'constructor' } }));
    expect(run.code).toBe(2);
    expect(error.code).toBe('color-unknown');
    expect(error.message).toContain('"constructor"');
    expect(entries).toEqual([]);
  }, 60_000);
});

describe('a pack graphic using {{color.constructor}}', () => {
  it('is refused when the pack is read, naming the colour', async () => {
    const dir = temp.file('paket-warna');
    await cp(path.join(builtInPacksDir(), 'pemkot-malang'), dir, { recursive: true });
    const svgPath = path.join(dir, 'graphics', 'lower-third.svg');
    const svg = await readFile(svgPath, 'utf8');
    await writeFile(svgPath, svg.replace('</svg>', '<rect width="4" height="4" fill="{{color.constructor}}"/></svg>'));
    await expect(loadPackFolder({ dir })).rejects.toMatchObject({ kind: 'bad-input', message: expect.stringContaining('constructor') });
  });
});
