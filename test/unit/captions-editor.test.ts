/**
 * The caption editor's actions on the project store (no engine): typing is one
 * undo step per word, shift all takes seconds with a comma, nudge and split act
 * on the selected caption, and refusals (from the panel or from core's edits)
 * reach the error banner in the admin's language.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createHistory } from '@core/model/history.js';
import { ProjectSchema } from '@core/model/project.js';
import {
  mergeWorkingCaption,
  nudgeWorkingCaption,
  shiftAllBySeconds,
  splitWorkingCaption,
  typeCaptionText,
} from '../../renderer/src/features/captions/actions.js';
import { errorStore } from '../../renderer/src/features/errors/errorStore.js';
import { languageStore } from '../../renderer/src/i18n.js';
import { projectStore, seal, undo } from '../../renderer/src/project/store.js';
import { seek, selectCaption } from '../../renderer/src/project/view.js';

const texts = () => projectStore.get().project!.timeline.tracks.captions.map((caption) => caption.text);
const starts = () => projectStore.get().project!.timeline.tracks.captions.map((caption) => caption.start);
const lastError = () => errorStore.get().errors.at(-1)?.error;

beforeEach(() => {
  const project = ProjectSchema.parse({
    kind: 'klipkota.project',
    version: 3,
    name: 'Uji',
    timeline: {
      tracks: {
        video: [],
        captions: [
          { id: 'caption-1', start: 0, duration: 30, text: 'Selamat pagi' },
          { id: 'caption-2', start: 40, duration: 30, text: 'Kerja bakti' },
        ],
      },
    },
  });
  projectStore.set({ project, history: createHistory(project) });
  errorStore.set({ errors: [] });
  languageStore.set({ language: 'id' });
  selectCaption(undefined);
  seek(0);
});

describe('caption editor actions', () => {
  it('keeps typing to one undo step per word', () => {
    for (const text of ['Selamat', 'Selamat ', 'Selamat si', 'Selamat siang']) typeCaptionText('caption-1', text);
    seal();
    expect(texts()[0]).toBe('Selamat siang');
    undo();
    expect(texts()[0]).toBe('Selamat');
    undo();
    expect(texts()[0]).toBe('Selamat pagi');
  });

  it('shifts every caption by seconds typed with a comma, and refuses what is not a number in plain words', () => {
    expect(shiftAllBySeconds('0,5')).toBe(true);
    expect(starts()).toEqual([15, 55]);
    undo();
    expect(starts()).toEqual([0, 40]);
    expect(shiftAllBySeconds('setengah')).toBe(false);
    expect(lastError()?.message).toBe('Tulis angka detik, misalnya 0,5 atau -1,2.');
  });

  it('nudges the selected caption (or the one under the playhead), splits only inside it, and shows core refusals in Indonesian', () => {
    selectCaption('caption-2');
    nudgeWorkingCaption({ frames: -3, edge: 'start' });
    expect(projectStore.get().project!.timeline.tracks.captions[1]).toMatchObject({ start: 37, duration: 33 });
    seek(10);
    splitWorkingCaption();
    expect(lastError()?.message).toMatch(/^Garis putar tidak berada di dalam subtitle terpilih/);
    mergeWorkingCaption();
    expect(lastError()).toMatchObject({ code: 'caption-merge-last', message: 'Teks "caption-2" adalah teks terakhir; tidak ada teks sesudahnya untuk digabung.' });
    languageStore.set({ language: 'en' });
    selectCaption(undefined);
    // nothing selected: the caption under the playhead (frame 10: caption-1) is split
    splitWorkingCaption();
    expect(texts()).toEqual(['Selamat', 'pagi', 'Kerja bakti']);
    seek(100);
    splitWorkingCaption();
    expect(lastError()?.message).toBe('Select a caption in the list first.');
  });
});
