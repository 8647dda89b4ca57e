/**
 * The "Buat teks otomatis" channels through the API, against the engine:
 * without a model the call itself answers with what to get and where to put
 * it; the model chosen in Settings is judged for the Settings screen; a
 * transcription started reports progress as events and is cancelled on request.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName, EventPayload } from '@core/api/contract.js';
import { createApi, type Api } from '../../electron/engine/api/index.js';
import { makeSampleClip } from '../../electron/engine/media/samples.js';
import { makeTempDir, type TempDir } from '../helpers/media.js';
import { writeRandomWhisperModel } from '../helpers/whisper-fixture.js';

let temp: TempDir;
let api: Api;
let clip: string;
let model: string;
const events: Array<{ event: EventName; payload: unknown }> = [];
const savedModelVariable = process.env.KLIPKOTA_WHISPER_MODEL;

beforeAll(async () => {
  // the Settings field is what is tested here: the environment variable would win over it
  delete process.env.KLIPKOTA_WHISPER_MODEL;
  temp = await makeTempDir('klipkota-transcribe-api-');
  api = createApi({ home: temp.file('home'), emit: (event, payload) => events.push({ event, payload }), language: 'id' });
  clip = temp.file('wawancara.mp4');
  await makeSampleClip({ path: clip, seconds: 30, width: 320, height: 240 });
  model = temp.file('ggml-random.bin');
  await writeRandomWhisperModel(model);
});
afterAll(async () => {
  if (savedModelVariable !== undefined) process.env.KLIPKOTA_WHISPER_MODEL = savedModelVariable;
  await temp.remove();
});

function eventsOf<E extends EventName>(event: E, jobId: string): Array<EventPayload<E>> {
  return events.filter((entry) => entry.event === event && (entry.payload as { jobId?: string }).jobId === jobId).map((entry) => entry.payload as EventPayload<E>);
}

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('captions.transcribe', () => {
  it('refuses a clip that was not imported', async () => {
    const result = await api['captions.transcribe']({ path: clip, fps: 30 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('media-not-allowed');
  });

  it('without a model answers at once with what to get and where to put it', async () => {
    const imported = await api['media.import']({ paths: [clip] });
    expect(imported.ok).toBe(true);
    const status = await api['captions.modelStatus']({});
    if (!status.ok) throw new Error(status.error.message);
    expect(status.value).toMatchObject({ set: false, ok: false, problem: { code: 'whisper-model-not-set' } });
    const result = await api['captions.transcribe']({ path: clip, fps: 30 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('whisper-model-not-set');
    expect(result.error.message).toContain('ggml-small.bin');
    expect(result.error.message).toContain('Pengaturan > Model teks otomatis');
    expect(result.error.message).toContain('KLIPKOTA_WHISPER_MODEL');
  });

  it('judges the model chosen in Settings, then runs with progress events and stops on cancel', async () => {
    const saved = await api['settings.set']({ whisperModelPath: model });
    if (!saved.ok) throw new Error(saved.error.message);
    expect(saved.value.whisperModelPath).toBe(path.resolve(model));
    const status = await api['captions.modelStatus']({});
    if (!status.ok) throw new Error(status.error.message);
    expect(status.value).toMatchObject({ set: true, ok: true, source: 'setting', path: path.resolve(model) });
    expect(status.value.warnings.length).toBeGreaterThan(0); // not a published model

    const started = await api['captions.transcribe']({ path: clip, fps: 30, pack: 'pemkot-malang' });
    if (!started.ok) throw new Error(started.error.message);
    const { jobId } = started.value;
    await until(() => eventsOf('captions.transcribeProgress', jobId).some((p) => p.stage === 'speech'));
    const percents = eventsOf('captions.transcribeProgress', jobId).map((p) => p.percent);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    const cancel = await api['captions.transcribeCancel']({ jobId });
    expect(cancel).toEqual({ ok: true, value: { cancelled: true } });
    await until(() => eventsOf('captions.transcribeCancelled', jobId).length > 0);
    expect(eventsOf('captions.transcribeDone', jobId)).toEqual([]);
    expect(eventsOf('captions.transcribeFailed', jobId)).toEqual([]);
    // a finished job cannot be cancelled again
    expect(await api['captions.transcribeCancel']({ jobId })).toEqual({ ok: true, value: { cancelled: false } });
  });

  it('ends with the captions as frames at the project rate (a random-weight model hears noise as its own words)', async () => {
    const short = temp.file('pendek.mp4');
    await makeSampleClip({ path: short, seconds: 3, width: 320, height: 240 });
    await api['media.import']({ paths: [short] });
    const started = await api['captions.transcribe']({ path: short, fps: 25, pack: 'pemkot-malang' });
    if (!started.ok) throw new Error(started.error.message);
    const { jobId } = started.value;
    await until(() => eventsOf('captions.transcribeDone', jobId).length + eventsOf('captions.transcribeFailed', jobId).length > 0);
    expect(eventsOf('captions.transcribeFailed', jobId)).toEqual([]);
    const [done] = eventsOf('captions.transcribeDone', jobId);
    expect(done!.segments).toBeGreaterThan(0);
    expect(done!.captions.length).toBeGreaterThan(0);
    for (const caption of done!.captions) {
      expect(Number.isInteger(caption.start) && Number.isInteger(caption.duration)).toBe(true);
      expect(caption.start + caption.duration).toBeLessThanOrEqual(3 * 25);
      expect(caption.text).not.toContain('\n');
    }
    expect(eventsOf('captions.transcribeProgress', jobId).at(-1)!.percent).toBe(100);
  });

  it('refuses a settings path that is not a whisper model when transcribing, with the same advice', async () => {
    await api['settings.set']({ whisperModelPath: clip });
    const result = await api['captions.transcribe']({ path: clip, fps: 30 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('whisper-model-not-whisper');
    expect(result.error.message).toContain('ggml-small.bin');
  });
});
