/**
 * The auto-captions button's logic on the project store, with a stand-in for
 * the engine's API (the transcription itself runs for real in the integration
 * and e2e tests): which clip it transcribes, the captions landing under that
 * clip as one undo step, events that overtake the start call's answer, a
 * project switched meanwhile, cancel, and the no-model answer in the banner.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ApiResult } from '@core/api/contract.js';
import { createHistory } from '@core/model/history.js';
import { PROJECT_VERSION, ProjectSchema, type Project } from '@core/model/project.js';
import { autoCaptionStore, cancelAutoCaptions, startAutoCaptions } from '../../renderer/src/features/captions/autoCaptions.js';
import { captionsNotice } from '../../renderer/src/features/captions/notice.js';
import { errorStore } from '../../renderer/src/features/errors/errorStore.js';
import { languageStore } from '../../renderer/src/i18n.js';
import { projectStore, undo } from '../../renderer/src/project/store.js';
import { seek, select, viewStore } from '../../renderer/src/project/view.js';

type Listener = (payload: unknown) => void;

/** The engine as the renderer sees it: calls answered by the test, events sent by the test. */
const engine = {
  listeners: new Map<string, Set<Listener>>(),
  calls: [] as Array<{ channel: string; request: Record<string, unknown> }>,
  answer: (channel: string, request: Record<string, unknown>): Promise<ApiResult<unknown>> | ApiResult<unknown> => ({ ok: false, error: { code: 'internal', message: `no answer for ${channel} ${JSON.stringify(request)}` } }),
  emit(event: string, payload: unknown): void {
    for (const listener of engine.listeners.get(event) ?? []) listener(payload);
  },
};

const savedWindow = (globalThis as { window?: unknown }).window;

beforeAll(() => {
  (globalThis as { window?: unknown }).window = {
    klipkota: {
      invoke: async (channel: string, request: Record<string, unknown>) => {
        engine.calls.push({ channel, request });
        return engine.answer(channel, request);
      },
      on: (event: string, listener: Listener) => {
        const set = engine.listeners.get(event) ?? new Set<Listener>();
        set.add(listener);
        engine.listeners.set(event, set);
        return () => set.delete(listener);
      },
    },
  };
});

afterAll(() => {
  (globalThis as { window?: unknown }).window = savedWindow;
});

function project(clipPaths: string[], captions: Array<{ start: number; duration: number; text: string }> = []): Project {
  return ProjectSchema.parse({
    kind: 'klipkota.project',
    version: PROJECT_VERSION,
    name: 'Uji',
    intro: false,
    outro: false,
    timeline: {
      tracks: {
        video: clipPaths.map((path, index) => ({ kind: 'clip', id: `clip-${index + 1}`, media: { path }, sourceRange: { start: 30, duration: 60 } })),
        captions: captions.map((caption, index) => ({ id: `caption-${index + 1}`, ...caption })),
      },
    },
  });
}

/** As the store's own open does: a new document (its `opened` count goes up). */
function open(value: Project): void {
  projectStore.set((state) => ({ project: value, history: createHistory(value), dirty: false, opened: state.opened + 1 }));
}

const captions = () => projectStore.get().project!.timeline.tracks.captions.map(({ start, duration, text }) => ({ start, duration, text }));

beforeEach(() => {
  engine.calls = [];
  engine.answer = (channel) => (channel === 'captions.transcribe' ? { ok: true, value: { jobId: 'job-1', model: { set: true, ok: true, warnings: [] } } } : { ok: true, value: { cancelled: true } });
  autoCaptionStore.set({ job: undefined, starting: false });
  captionsNotice.set({ key: undefined, values: {} });
  errorStore.set({ errors: [] });
  languageStore.set({ language: 'id' });
  open(project(['/media/a.mp4', '/media/b.mp4'], [{ start: 70, duration: 20, text: 'tetap' }]));
  select({ kind: 'project' });
  seek(0);
});

describe('auto-captions', () => {
  it('transcribes the selected clip, else the one under the playhead, else the first', async () => {
    select({ kind: 'clip', id: 'clip-2' });
    await startAutoCaptions();
    expect(engine.calls.at(-1)).toEqual({ channel: 'captions.transcribe', request: { path: '/media/b.mp4', fps: 30, pack: 'pemkot-malang' } });
    autoCaptionStore.set({ job: undefined });

    viewStore.set({ selection: { kind: 'project' } });
    seek(65); // inside the second clip (the first runs 0-59)
    await startAutoCaptions();
    expect(engine.calls.at(-1)!.request.path).toBe('/media/b.mp4');
    autoCaptionStore.set({ job: undefined });

    seek(500); // past the end: the first clip
    await startAutoCaptions();
    expect(engine.calls.at(-1)!.request.path).toBe('/media/a.mp4');
  });

  it('puts the captions under the clip, cut to its trim, as one undo step, with the count in the notice', async () => {
    select({ kind: 'clip', id: 'clip-2' });
    await startAutoCaptions();
    expect(autoCaptionStore.get().job).toMatchObject({ jobId: 'job-1', clipName: 'b.mp4' });
    engine.emit('captions.transcribeProgress', { jobId: 'job-1', stage: 'speech', percent: 40 });
    expect(autoCaptionStore.get().job).toMatchObject({ stage: 'speech', percent: 40 });
    // file frames: the clip uses 30-89 of its file and starts at 60 on the timeline
    engine.emit('captions.transcribeDone', {
      jobId: 'job-1',
      segments: 3,
      captions: [
        { id: 'c1', start: 0, duration: 20, text: 'sebelum potongan' },
        { id: 'c2', start: 35, duration: 20, text: 'Selamat pagi' },
        { id: 'c3', start: 80, duration: 30, text: 'warga Malang' },
      ],
    });
    expect(autoCaptionStore.get().job).toBeUndefined();
    // the caption that started inside the clip (at 70) is replaced; the one before the trim is cut off
    expect(captions()).toEqual([
      { start: 65, duration: 20, text: 'Selamat pagi' },
      { start: 110, duration: 10, text: 'warga Malang' },
    ]);
    expect(captionsNotice.get()).toEqual({ key: 'captions.autoDone', values: { count: 2, name: 'b.mp4' } });
    undo();
    expect(captions()).toEqual([{ start: 70, duration: 20, text: 'tetap' }]);
  });

  it('keeps events that come before the start call has answered', async () => {
    engine.answer = (channel) => {
      if (channel !== 'captions.transcribe') return { ok: true, value: { cancelled: false } };
      // whisper was quicker than the answer's trip back
      engine.emit('captions.transcribeDone', { jobId: 'job-1', segments: 1, captions: [{ id: 'c1', start: 30, duration: 15, text: 'cepat' }] });
      return { ok: true, value: { jobId: 'job-1', model: { set: true, ok: true, warnings: [] } } };
    };
    await startAutoCaptions();
    expect(autoCaptionStore.get()).toEqual({ job: undefined, starting: false });
    expect(captions()).toEqual([
      { start: 0, duration: 15, text: 'cepat' },
      { start: 70, duration: 20, text: 'tetap' },
    ]);
  });

  it('does not put a clip\'s captions into another project opened meanwhile', async () => {
    await startAutoCaptions();
    open(project(['/media/lain.mp4']));
    engine.emit('captions.transcribeDone', { jobId: 'job-1', segments: 1, captions: [{ id: 'c1', start: 30, duration: 15, text: 'salah tempat' }] });
    expect(captions()).toEqual([]);
    expect(captionsNotice.get().key).toBe('captions.autoClipGone');
  });

  it('does not put them into a copy of the project (the same clip id and file) opened meanwhile', async () => {
    await startAutoCaptions();
    open(project(['/media/a.mp4', '/media/b.mp4']));
    engine.emit('captions.transcribeDone', { jobId: 'job-1', segments: 1, captions: [{ id: 'c1', start: 30, duration: 15, text: 'salah tempat' }] });
    expect(captions()).toEqual([]);
    expect(captionsNotice.get().key).toBe('captions.autoClipGone');
  });

  it('hearing nothing leaves the captions under the clip as they were', async () => {
    select({ kind: 'clip', id: 'clip-2' });
    await startAutoCaptions();
    engine.emit('captions.transcribeDone', { jobId: 'job-1', segments: 0, captions: [] });
    expect(captions()).toEqual([{ start: 70, duration: 20, text: 'tetap' }]);
    expect(captionsNotice.get()).toEqual({ key: 'captions.autoNone', values: { name: 'b.mp4' } });
    expect(projectStore.get().dirty).toBe(false);
  });

  it('cancel leaves the captions as they were and says so; a job main no longer knows frees the button', async () => {
    await startAutoCaptions();
    await cancelAutoCaptions();
    expect(engine.calls.at(-1)).toEqual({ channel: 'captions.transcribeCancel', request: { jobId: 'job-1' } });
    engine.emit('captions.transcribeCancelled', { jobId: 'job-1' });
    expect(autoCaptionStore.get().job).toBeUndefined();
    expect(captions()).toEqual([{ start: 70, duration: 20, text: 'tetap' }]);
    expect(captionsNotice.get()).toEqual({ key: 'captions.autoCancelled', values: { name: 'a.mp4' } });

    engine.answer = (channel) => (channel === 'captions.transcribe' ? { ok: true, value: { jobId: 'job-2', model: { set: true, ok: true, warnings: [] } } } : { ok: true, value: { cancelled: false } });
    await startAutoCaptions();
    await cancelAutoCaptions();
    expect(autoCaptionStore.get().job).toBeUndefined();
  });

  it('without a model shows the engine\'s advice in the banner and starts nothing', async () => {
    const advice = 'Belum ada model whisper untuk teks otomatis. Salin berkas model ggml-small.bin …';
    engine.answer = () => ({ ok: false, error: { code: 'whisper-model-not-set', message: advice } });
    await startAutoCaptions();
    expect(errorStore.get().errors.map((shown) => shown.error)).toEqual([{ code: 'whisper-model-not-set', message: advice }]);
    expect(autoCaptionStore.get()).toEqual({ job: undefined, starting: false });
    // once a run starts, that advice was followed: the banner goes
    engine.answer = (channel) => (channel === 'captions.transcribe' ? { ok: true, value: { jobId: 'job-3', model: { set: true, ok: true, warnings: [] } } } : { ok: true, value: { cancelled: true } });
    await startAutoCaptions();
    expect(errorStore.get().errors).toEqual([]);
  });
});
