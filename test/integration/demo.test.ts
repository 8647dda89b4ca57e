/**
 * The README's first command: `klipkota demo` makes its own media, writes a
 * project an admin can open, and renders 9:16 and 16:9 files that play.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProject } from '@core/model/migrate.js';
import { runKlipkota, type CliRun } from '../helpers/cli.js';
import { makeTempDir, type TempDir } from '../helpers/media.js';
import { streams } from '../helpers/video.js';

let temp: TempDir;
let run: CliRun;

beforeAll(async () => {
  temp = await makeTempDir('klipkota-demo-');
  run = await runKlipkota({ args: ['demo', '--out', temp.file('demo'), '--presets', 'tiktok,youtube', '--json'], env: { LANG: 'id_ID.UTF-8' } });
});
afterAll(async () => temp?.remove());

describe('klipkota demo', () => {
  it('renders a 1080x1920 and a 1920x1080 MP4 with sound, and says so in one JSON document', async () => {
    expect(run.code, run.stderr).toBe(0);
    const { outputs } = JSON.parse(run.stdout) as { outputs: { preset: string; path: string; width: number; height: number; durationSeconds: number }[] };
    expect(outputs.map((output) => [output.preset, output.width, output.height])).toEqual([
      ['tiktok', 1080, 1920],
      ['youtube', 1920, 1080],
    ]);
    for (const output of outputs) {
      const probe = await streams(output.path);
      const video = probe.streams.find((stream) => stream.codec_type === 'video')!;
      expect([video.width, video.height]).toEqual([output.width, output.height]);
      expect(probe.streams.some((stream) => stream.codec_type === 'audio')).toBe(true);
      expect(Number(probe.format.duration)).toBeCloseTo(output.durationSeconds, 1);
    }
  });

  it('leaves a project file that opens, next to its media, and nothing partial', async () => {
    const dir = temp.file('demo');
    const project = parseProject(JSON.parse(await readFile(path.join(dir, 'demo.klipkota.json'), 'utf8')));
    expect(project.timeline.tracks.video).toHaveLength(3);
    expect(project.timeline.tracks.overlay.length).toBeGreaterThan(0);
    const files = (await readdir(dir, { recursive: true })).map(String);
    expect(files.filter((file) => file.endsWith('.part'))).toEqual([]);
    for (const clip of project.timeline.tracks.video) {
      if (clip.kind === 'clip') expect(files).toContain(clip.media.path.split('/').join(path.sep));
    }
  });

  it('refuses to overwrite its own earlier output unless asked, before touching anything', async () => {
    const mtimes = async () => Promise.all(['demo.klipkota.json', 'media/jalan-ijen.mp4'].map(async (file) => (await stat(path.join(temp.file('demo'), file))).mtimeMs));
    const before = await mtimes();
    const again = await runKlipkota({ args: ['demo', '--out', temp.file('demo'), '--presets', 'youtube', '--json'], env: { LANG: 'en_US.UTF-8' } });
    expect(again.code).toBe(2);
    expect(JSON.parse(again.stdout).error.message).toMatch(/--overwrite/);
    expect(await mtimes()).toEqual(before);
  });
});
