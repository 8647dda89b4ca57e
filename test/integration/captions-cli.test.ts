/**
 * `klipkota render --captions FILE.srt --sidecar` and `klipkota batch
 * --captions FILE.srt --sidecar` as an admin runs them: the captions are
 * burned in and an .srt lands next to each video, on the video's own time
 * line (after the intro card); a broken subtitle file is refused with exit 2
 * naming the line, before anything renders.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectSchema } from '@core/model/project.js';
import { makeSampleClip } from '../../electron/engine/media/samples.js';
import { loadBuiltInPack } from '../../electron/engine/pack/load.js';
import { runKlipkota } from '../helpers/cli.js';
import { makeTempDir, type TempDir } from '../helpers/media.js';

let temp: TempDir;
const SRT = '\uFEFF1\r\n00:00:00,200 --> 00:00:01,000\r\nKerja bakti Minggu pagi\r\n\r\n2\r\n00:00:01,000 --> 00:00:01,800\r\ndi Kelurahan Oro-oro Dowo\r\n\r\n';

function cli(args: string[]) {
  return runKlipkota({ args, env: { TMPDIR: temp.file('tmp'), KLIPKOTA_HOME: temp.file('home'), LANG: 'en_US.UTF-8' } });
}

beforeAll(async () => {
  temp = await makeTempDir('klipkota-captions-cli-');
  await mkdir(temp.file('tmp'));
  await makeSampleClip({ path: temp.file('kerja-bakti.mp4'), seconds: 2, width: 320, height: 180 });
  await writeFile(temp.file('kerja-bakti.srt'), SRT);
  await writeFile(temp.file('rusak.srt'), '1\r\n00:00:00,200 --> 00:00:01,000\r\nbaik\r\n\r\n2\r\n00:00:01 -> 00:00:02\r\nrusak\r\n');
}, 120_000);

afterAll(async () => {
  await temp?.remove();
});

describe('render --captions --sidecar', () => {
  it('burns the captions in and writes an .srt beside the video, after the intro', async () => {
    const run = await cli(['render', '--clip', temp.file('kerja-bakti.mp4'), '--captions', temp.file('kerja-bakti.srt'), '--sidecar', '--preset', 'youtube', '--out', temp.file('out'), '--json']);
    expect(run.code, run.stderr).toBe(0);
    const [output] = JSON.parse(run.stdout).outputs as Array<{ path: string; sidecar: string }>;
    expect(output!.sidecar).toBe(output!.path.replace(/\.mp4$/, '.srt'));
    const pack = await loadBuiltInPack();
    const intro = pack.manifest.intro?.type === 'svg' ? pack.manifest.intro.seconds : 0;
    const text = await readFile(output!.sidecar, 'utf8');
    const at = (seconds: number) => `00:00:0${Math.floor(seconds)},${String(Math.round((seconds % 1) * 1000)).padStart(3, '0')}`;
    expect(text).toBe(`1\r\n${at(intro + 0.2)} --> ${at(intro + 1)}\r\nKerja bakti Minggu pagi\r\n\r\n2\r\n${at(intro + 1)} --> ${at(intro + 1.8)}\r\ndi Kelurahan Oro-oro Dowo\r\n\r\n`);
  }, 240_000);

  it('refuses a broken subtitle file with exit 2, naming the line, and renders nothing', async () => {
    const run = await cli(['render', '--clip', temp.file('kerja-bakti.mp4'), '--captions', temp.file('rusak.srt'), '--preset', 'youtube', '--out', temp.file('out-bad')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('rusak.srt is not valid at line 6');
    expect(await readdir(temp.file('out-bad')).catch(() => [])).toEqual([]);
  });
});

describe('batch --captions --sidecar', () => {
  it('gives every project the captions and a sidecar next to each video', async () => {
    const project = ProjectSchema.parse({
      kind: 'klipkota.project',
      version: 3,
      name: 'Kerja bakti',
      intro: false,
      outro: false,
      logo: false,
      timeline: { tracks: { video: [{ kind: 'clip', id: 'clip-1', media: { path: 'kerja-bakti.mp4' }, sourceRange: { start: 0, duration: 60 } }] } },
    });
    await writeFile(temp.file('kerja-bakti.klipkota.json'), JSON.stringify(project));
    const run = await cli(['batch', temp.file('kerja-bakti.klipkota.json'), '--captions', temp.file('kerja-bakti.srt'), '--sidecar', '--preset', 'youtube', '--out', temp.file('batch-out'), '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect((await readdir(temp.file('batch-out'))).sort()).toEqual(['kerja-bakti-youtube.mp4', 'kerja-bakti-youtube.srt']);
    expect(JSON.parse(run.stdout).jobs[0].outputs[0].sidecar).toBe(temp.file('batch-out/kerja-bakti-youtube.srt'));
    expect(await readFile(temp.file('batch-out/kerja-bakti-youtube.srt'), 'utf8')).toContain('00:00:00,200 --> 00:00:01,000\r\nKerja bakti Minggu pagi');
    const broken = await cli(['batch', temp.file('kerja-bakti.klipkota.json'), '--captions', temp.file('rusak.srt'), '--preset', 'youtube', '--out', temp.file('batch-bad')]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('line 6');
  }, 240_000);

  it('takes a sheet\'s captions column, with the intro card made once and joined (parts), the sidecar after the intro', async () => {
    await writeFile(temp.file('kerja-bakti.csv'), 'klip,judul,takarir\r\nkerja-bakti.mp4,Kerja Bakti RW 03,kerja-bakti.srt\r\n');
    const run = await cli(['batch', temp.file('kerja-bakti.csv'), '--sidecar', '--preset', 'youtube', '--out', temp.file('sheet-out'), '--json']);
    expect(run.code, run.stderr).toBe(0);
    const [output] = JSON.parse(run.stdout).jobs[0].outputs as Array<{ path: string; sidecar: string }>;
    const pack = await loadBuiltInPack();
    const intro = pack.manifest.intro?.type === 'svg' ? pack.manifest.intro.seconds : 0;
    const text = await readFile(output!.sidecar, 'utf8');
    expect(text).toContain(`00:00:0${intro},200 --> 00:00:0${intro + 1},000\r\nKerja bakti Minggu pagi`);
  }, 240_000);
});
