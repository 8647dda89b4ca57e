/**
 * Auto-captions, the parts that need no real model: whisper.cpp's native
 * binary loads here in every run, and missing, foreign, cut-short and
 * English-only model files are refused with the message that says what to get
 * and where to put it. The verdict on a good file is kept by path, size and
 * modification time.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KlipError } from '@core/errors.js';
import { checkWhisperModel, forgetModelVerdicts } from '../../electron/engine/captions/model-file.js';
import { usableModel } from '../../electron/engine/captions/transcribe.js';
import { checkWhisperRuntime, whisperPlatformPackage } from '../../electron/engine/captions/whisper-runtime.js';
import { makeTempDir, type TempDir } from '../helpers/media.js';
import { RANDOM_MODEL_DIMS, writeRandomWhisperModel } from '../helpers/whisper-fixture.js';

let temp: TempDir;
let randomModel: string;

beforeAll(async () => {
  temp = await makeTempDir('klipkota-whisper-');
  randomModel = temp.file('ggml-random.bin');
  await writeRandomWhisperModel(randomModel);
});
afterAll(async () => {
  await temp.remove();
});

/** The refusal's words must say exactly what to get and where to put it, in both languages. */
function expectAdvice(error: KlipError): void {
  expect(error.kind).toBe('bad-input');
  expect(error.text.id).toContain('ggml-small.bin');
  expect(error.text.id).toContain('Pengaturan > Model teks otomatis');
  expect(error.text.id).toContain('KLIPKOTA_WHISPER_MODEL');
  expect(error.text.en).toContain('ggml-small.bin');
  expect(error.text.en).toContain('Settings > Auto-caption model');
  expect(error.text.en).toContain('KLIPKOTA_WHISPER_MODEL');
}

async function refusal(promise: Promise<unknown>, code: string): Promise<KlipError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KlipError);
  expect((error as KlipError).code).toBe(code);
  expectAdvice(error as KlipError);
  return error as KlipError;
}

describe('whisper.cpp native binary', () => {
  it(`loads on this system (${process.platform}-${process.arch}) in a child process`, async () => {
    const loaded = await checkWhisperRuntime();
    expect(loaded.platformPackage).toBe(whisperPlatformPackage());
    if (process.platform === 'linux' && process.arch === 'x64') expect(loaded.platformPackage).toBe('@fugood/node-whisper-linux-x64');
  });
});

describe('the model file', () => {
  it('is refused when none is set anywhere, and when the path set does not exist', async () => {
    const home = temp.file('empty-home');
    await refusal(usableModel({ env: {}, home }), 'whisper-model-not-set');
    const missing = await refusal(usableModel({ env: { KLIPKOTA_WHISPER_MODEL: temp.file('ggml-small.bin') }, home }), 'whisper-model-missing');
    expect(missing.text.en).toContain(temp.file('ggml-small.bin'));
  });

  it('is refused when it is a random 1 MB file', async () => {
    const file = temp.file('random.bin');
    await fs.writeFile(file, randomBytes(1024 * 1024));
    const verdict = await checkWhisperModel({ path: file });
    expect(verdict.ok).toBe(false);
    await refusal(usableModel({ modelPath: file, env: {} }), 'whisper-model-not-whisper');
  });

  it('is refused when the copy was cut short, or has a whisper header on garbage', async () => {
    const whole = await fs.readFile(randomModel);
    const cut = temp.file('ggml-cut.bin');
    await fs.writeFile(cut, whole.subarray(0, Math.floor(whole.length * 0.6)));
    const error = await refusal(usableModel({ modelPath: cut, env: {} }), 'whisper-model-damaged');
    expect(error.detail).toMatch(/too early|ends inside/);

    const forged = temp.file('ggml-forged.bin');
    await fs.writeFile(forged, Buffer.concat([whole.subarray(0, 48), randomBytes(1024 * 1024)]));
    await refusal(usableModel({ modelPath: forged, env: {} }), 'whisper-model-damaged');
  });

  it('is refused when it is an English-only model', async () => {
    const english = temp.file('ggml-tiny-en-shape.bin');
    await writeRandomWhisperModel(english, { ...RANDOM_MODEL_DIMS, vocab: 51_864 });
    await refusal(usableModel({ modelPath: english, env: {} }), 'whisper-model-english-only');
  });

  it('is accepted when whole but unpublished, with a warning, and the verdict is kept by path, size and time', async () => {
    const home = temp.file('home');
    const verdict = await checkWhisperModel({ path: randomModel, home });
    expect(verdict.ok).toBe(true);
    expect(verdict.published).toBeUndefined();
    expect(verdict.sha1).toMatch(/^[0-9a-f]{40}$/);
    expect(verdict.warnings.map((w) => w.en).join(' ')).toContain('not one of the models whose checksum whisper.cpp publishes');

    // same path, size and modification time, other bytes: the kept verdict answers (the file is not hashed again)
    const copy = temp.file('ggml-kept.bin');
    await fs.copyFile(randomModel, copy);
    const when = 1_780_000_000; // whole seconds, so setting the time back is exact on every file system
    await fs.utimes(copy, when, when);
    const first = await checkWhisperModel({ path: copy, home });
    expect(first.ok).toBe(true);
    const { size } = await fs.stat(copy);
    await fs.writeFile(copy, randomBytes(size));
    await fs.utimes(copy, when, when);
    forgetModelVerdicts(); // from the cache file, as a new CLI run would
    expect(await checkWhisperModel({ path: copy, home })).toEqual(first);
    // a newer modification time: examined again, and now refused
    await fs.utimes(copy, when, when + 5);
    expect((await checkWhisperModel({ path: copy, home })).problem?.code).toBe('whisper-model-not-whisper');
  });

  it('comes from --model first, then KLIPKOTA_WHISPER_MODEL, then the Settings field', async () => {
    const home = temp.file('settings-home');
    await fs.mkdir(home, { recursive: true });
    await fs.writeFile(`${home}/settings.json`, JSON.stringify({ version: 1, whisperModelPath: randomModel }));
    expect((await usableModel({ env: {}, home })).path).toBe(randomModel);
    await refusal(usableModel({ env: { KLIPKOTA_WHISPER_MODEL: temp.file('nope.bin') }, home }), 'whisper-model-missing');
    expect((await usableModel({ modelPath: randomModel, env: { KLIPKOTA_WHISPER_MODEL: temp.file('nope.bin') }, home })).path).toBe(randomModel);
  });
});

describe('klipkota doctor', () => {
  it('reports whether the binary loads and whether the model is set and valid, without changing the exit code', async () => {
    const { runKlipkota } = await import('../helpers/cli.js');
    const home = temp.file('doctor-home');
    const good = await runKlipkota({ args: ['doctor', '--json'], env: { KLIPKOTA_HOME: home, KLIPKOTA_WHISPER_MODEL: randomModel } });
    const report = JSON.parse(good.stdout) as { ok: boolean; whisper: { runtime: { loaded: boolean }; model: { set: boolean; ok: boolean; source: string; path: string }; ready: boolean } };
    expect(report.whisper.runtime.loaded).toBe(true);
    expect(report.whisper.model).toMatchObject({ set: true, ok: true, source: 'env', path: randomModel });
    expect(good.code).toBe(report.ok ? 0 : 1);

    const junk = temp.file('junk.bin');
    await fs.writeFile(junk, randomBytes(4096));
    const bad = await runKlipkota({ args: ['doctor'], env: { KLIPKOTA_HOME: home, KLIPKOTA_WHISPER_MODEL: junk, LANG: 'id_ID.UTF-8' } });
    expect(bad.stdout).toContain('Teks otomatis (whisper.cpp, opsional)');
    expect(bad.stdout).toContain('DITOLAK');
    expect(bad.stdout).toContain('ggml-small.bin');
    expect(bad.code).toBe(good.code);
  });
});
