import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { EXIT } from '@core/errors.js';
import { doctorCommand } from '../../electron/cli/doctor.js';
import { probeCommand } from '../../electron/cli/probe.js';
import type { CliContext } from '../../electron/cli/context.js';
import { doctorReport, REQUIRED_FILTERS } from '../../electron/engine/ffmpeg/doctor.js';
import { makeSampleClip } from '../../electron/engine/media/samples.js';
import { makeTempDir } from '../helpers/media.js';

function captureContext(options: { json: boolean; language?: 'id' | 'en' }): { context: CliContext; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    context: {
      language: options.language ?? 'id',
      json: options.json,
      out: (text) => out.push(text),
      err: (text) => err.push(text),
      signal: new AbortController().signal,
    },
  };
}

describe('doctor', () => {
  it('finds ffmpeg and ffprobe with their versions and every required encoder and filter', async () => {
    const report = await doctorReport();
    expect(report.problems).toEqual([]);
    expect(report.ffmpeg?.version).toMatch(/^ffmpeg version /);
    expect(report.ffprobe?.version).toMatch(/^ffprobe version /);
    expect(existsSync(report.ffmpeg?.path ?? '')).toBe(true);
    expect(existsSync(report.ffprobe?.path ?? '')).toBe(true);
    const names = report.checks.map((c) => c.name);
    for (const name of ['libx264', 'aac', ...REQUIRED_FILTERS]) expect(names).toContain(name);
    expect(report.checks.filter((c) => c.required && !c.present)).toEqual([]);
    // concat and amix have a dynamic number of inputs; they must not be missed
    expect(report.checks.find((c) => c.name === 'concat')?.present).toBe(true);
    expect(report.checks.find((c) => c.name === 'amix')?.present).toBe(true);
    expect(report.checks.find((c) => c.name === 'xfade')?.required).toBe(false);
    expect(report.ok).toBe(true);
  });

  it('the command prints a readable report, or one JSON document, and exits 0', async () => {
    const text = captureContext({ json: false, language: 'en' });
    expect(await doctorCommand([], text.context)).toBe(EXIT.ok);
    expect(text.out.join('\n')).toMatch(/ffmpeg: .*\n\s+source: /);
    expect(text.out.join('\n')).toContain('ready to render');

    const json = captureContext({ json: false });
    expect(await doctorCommand(['--json'], json.context)).toBe(EXIT.ok);
    expect(json.out).toHaveLength(1);
    expect(JSON.parse(json.out[0] ?? '')).toMatchObject({ ok: true, ffmpeg: { source: expect.any(String) } });
  });

  it('without a working ffmpeg the report says so and says what to do, and the command exits 1', async () => {
    const before = process.env.FFMPEG_PATH;
    process.env.FFMPEG_PATH = '/nonexistent/ffmpeg';
    try {
      const report = await doctorReport();
      expect(report.ok).toBe(false);
      expect(report.ffmpeg).toBeUndefined();
      expect(report.checks).toEqual([]);
      expect(report.problems.map((p) => p.code)).toEqual(['ffmpeg-missing']);
      expect(report.problems[0]?.id).toContain('FFMPEG_PATH');
      const text = captureContext({ json: false, language: 'en' });
      expect(await doctorCommand([], text.context)).toBe(EXIT.failed);
      expect(text.out.join('\n')).toMatch(/ffmpeg: NOT FOUND[\s\S]*Install FFmpeg/);
    } finally {
      if (before === undefined) delete process.env.FFMPEG_PATH;
      else process.env.FFMPEG_PATH = before;
    }
  });

  it('an unknown option is a usage error (exit 2)', async () => {
    const bad = captureContext({ json: false });
    expect(await doctorCommand(['--bogus'], bad.context)).toBe(EXIT.badInput);
  });
});

describe('probe command', () => {
  it('prints MediaInfo as JSON, exits 0; bad media exits 2 with the file named', async () => {
    const temp = await makeTempDir();
    try {
      const file = temp.file('clip.mp4');
      await makeSampleClip({ path: file, seconds: 1, width: 160, height: 90, rotation: 90 });
      const json = captureContext({ json: true });
      expect(await probeCommand([file, '--json'], json.context)).toBe(EXIT.ok);
      expect(JSON.parse(json.out[0] ?? '')).toMatchObject({ video: { rotation: 90, displayWidth: 90, displayHeight: 160 } });

      const text = captureContext({ json: false, language: 'id' });
      expect(await probeCommand([file], text.context)).toBe(EXIT.ok);
      expect(text.out[0]).toContain('tampil: 90x160, rotasi 90°');

      const missing = captureContext({ json: false });
      const missingFile = temp.file('hilang.mp4');
      await expect(probeCommand([missingFile], missing.context)).rejects.toMatchObject({ code: 'media-missing', kind: 'bad-input' });

      const usage = captureContext({ json: false });
      expect(await probeCommand([], usage.context)).toBe(EXIT.badInput);

      // the real command line: a text file named .mp4 exits 2 with one JSON error document
      const notes = temp.file('catatan.mp4');
      await writeFile(notes, 'bukan video\n');
      const run = spawnSync(process.execPath, ['bin/klipkota.mjs', 'probe', notes, '--json'], {
        encoding: 'utf8',
        env: { ...process.env, KLIPKOTA_LANG: 'en' },
      });
      expect(run.status).toBe(EXIT.badInput);
      const printed = JSON.parse(run.stdout) as { error: { code: string; message: string } };
      expect(printed.error.code).toBe('media-unreadable');
      expect(printed.error.message).toContain('catatan.mp4');
    } finally {
      await temp.remove();
    }
  });
});
