/**
 * "Buat teks otomatis": transcribe one clip's Indonesian speech offline
 * (whisper.cpp in the main process, core/api/transcribe.ts) and put the
 * captions under that clip on the timeline, in place of the ones that started
 * there: one edit, so one undo step. The clip is the selected one, else the
 * one under the playhead, else the first. The job lives in a store of its own,
 * so switching the side panel does not lose it; cancel kills whisper at once.
 */
import { placeFileCaptions, setClipCaptions } from '@core/captions/place.js';
import { itemStartFrames } from '@core/model/edits.js';
import type { Clip, Project } from '@core/model/project.js';
import type { TranscribeStageSchema } from '@core/api/transcribe.js';
import type { z } from 'zod';
import { call, onEvent } from '../../api/client.js';
import { captionFrameAtPlayhead, goToCaption } from '../../project/captions.js';
import { dispatch, projectStore } from '../../project/store.js';
import { viewStore } from '../../project/view.js';
import { baseName } from '../../format.js';
import { createStore } from '../../store.js';
import { dismissErrorsWhere, guarded, reportError } from '../errors/errorStore.js';
import { captionsNotice } from './notice.js';

type TranscribeStage = z.infer<typeof TranscribeStageSchema>;

interface AutoCaptionJob {
  jobId: string;
  clipId: string;
  /** the clip's file and the document it was started in (projectStore.opened): another project's
   * clip with the same id and file (a copy, a template) must not get these captions */
  mediaPath: string;
  opened: number;
  /** the model's warnings (too small for Indonesian, checksum not published), shown while it runs */
  warnings: Array<{ id: string; en: string }>;
  clipName: string;
  stage: TranscribeStage;
  percent: number;
}

/** The running transcription (at most one), or none; `starting` while the engine checks the model. */
export const autoCaptionStore = createStore({ job: undefined as AutoCaptionJob | undefined, starting: false });

/** The clip to caption: the selected clip, else the one under the playhead, else the first. */
function clipToCaption(project: Project): Clip | undefined {
  const video = project.timeline.tracks.video;
  const clips = video.filter((item): item is Clip => item.kind === 'clip');
  const selection = viewStore.get().selection;
  if (selection.kind === 'clip') {
    const selected = clips.find((clip) => clip.id === selection.id);
    if (selected) return selected;
  }
  const frame = captionFrameAtPlayhead();
  const starts = itemStartFrames(project);
  const under = video.find((item, index) => item.kind === 'clip' && starts[index]! <= frame && frame < starts[index]! + item.sourceRange.duration);
  return (under as Clip | undefined) ?? clips[0];
}

function finish(): void {
  autoCaptionStore.set({ job: undefined, starting: false });
}

function current(jobId: string): AutoCaptionJob | undefined {
  const job = autoCaptionStore.get().job;
  return job?.jobId === jobId ? job : undefined;
}

let listening = false;
/** events that came while the start call was still out (its job id not known yet), replayed after it */
let early: Array<{ jobId: string; replay: () => void }> = [];

/** Run a handler for a job's event, or keep it for the answer still on its way. */
function forJob<E extends { jobId: string }>(handler: (event: E) => void): (event: E) => void {
  return (event) => {
    if (autoCaptionStore.get().starting) early.push({ jobId: event.jobId, replay: () => handler(event) });
    else handler(event);
  };
}

function listen(): void {
  if (listening) return;
  listening = true;
  onEvent('captions.transcribeProgress', forJob((event) => {
    const job = current(event.jobId);
    if (job) autoCaptionStore.set({ job: { ...job, stage: event.stage, percent: event.percent } });
  }));
  onEvent('captions.transcribeDone', forJob((event) => {
    const job = current(event.jobId);
    if (!job) return;
    finish();
    const { project: open, opened } = projectStore.get();
    const clip = open?.timeline.tracks.video.find((item) => item.id === job.clipId);
    if (!open || opened !== job.opened || clip?.kind !== 'clip' || clip.media.path !== job.mediaPath) {
      captionsNotice.set({ key: 'captions.autoClipGone', values: { name: job.clipName } });
      return;
    }
    const captions = event.captions.map(({ start, duration, text }) => ({ start, duration, text }));
    const placed = placeFileCaptions({ project: open, clipId: job.clipId, captions });
    if (placed.length === 0) {
      // nothing heard: the captions already under the clip stay
      captionsNotice.set({ key: 'captions.autoNone', values: { name: job.clipName } });
      return;
    }
    if (!dispatch((project) => setClipCaptions({ project, clipId: job.clipId, captions }))) return;
    const [head] = placed;
    const first = projectStore.get().project?.timeline.tracks.captions.find((caption) => caption.start === head!.start && caption.text === head!.text);
    if (first) goToCaption(first);
    captionsNotice.set({ key: 'captions.autoDone', values: { count: placed.length, name: job.clipName } });
  }));
  onEvent('captions.transcribeFailed', forJob((event) => {
    if (!current(event.jobId)) return;
    finish();
    reportError({ apiError: event.error });
  }));
  onEvent('captions.transcribeCancelled', forJob((event) => {
    const job = current(event.jobId);
    if (!job) return;
    finish();
    captionsNotice.set({ key: 'captions.autoCancelled', values: { name: job.clipName } });
  }));
}

/** Start transcribing the clip to caption; without a usable model the error banner says what to get and where. */
export async function startAutoCaptions(): Promise<void> {
  const { project, opened } = projectStore.get();
  const state = autoCaptionStore.get();
  if (!project || state.job || state.starting) return;
  const clip = clipToCaption(project);
  if (!clip) {
    captionsNotice.set({ key: 'captions.autoNoClip', values: {} });
    return;
  }
  listen();
  autoCaptionStore.set({ starting: true });
  early = [];
  const started = await guarded(() => call('captions.transcribe', { path: clip.media.path, fps: project.fps, pack: project.pack }));
  const waiting = early;
  early = [];
  if (!started) {
    finish();
    return;
  }
  const clipName = clip.name ?? baseName(clip.media.path);
  // the model advice of an earlier try was followed: it no longer stands
  dismissErrorsWhere((error) => error.code.startsWith('whisper-model-'));
  captionsNotice.set({ key: undefined, values: {} });
  autoCaptionStore.set({ starting: false, job: { jobId: started.jobId, clipId: clip.id, mediaPath: clip.media.path, opened, warnings: started.model.warnings, clipName, stage: 'model', percent: 0 } });
  for (const event of waiting) if (event.jobId === started.jobId) event.replay();
}

/** Stop the running transcription (its whisper process is killed in main); the captions stay as they were. */
export async function cancelAutoCaptions(): Promise<void> {
  const job = autoCaptionStore.get().job;
  if (!job) return;
  const answer = await guarded(() => call('captions.transcribeCancel', { jobId: job.jobId }));
  // a job main no longer knows (it ended meanwhile, or main restarted) must not hold the button
  if (answer && !answer.cancelled && current(job.jobId)) finish();
}
