/**
 * View state shared by the features: the playhead, play/pause, the aspect the
 * preview shows, what is selected, the safe-zone guide. Never undoable, never
 * saved: it is not part of the project.
 */
import { createStore } from '../store.js';

export type Aspect = '9:16' | '16:9';
export type Selection = { kind: 'clip' | 'overlay'; id: string } | { kind: 'project' };
export type SidePanel = 'inspector' | 'captions';
export type Guide = 'none' | 'tiktok' | 'reels' | 'shorts' | 'youtube';

export const viewStore = createStore({
  /** output frame under the playhead (intro card included) */
  playhead: 0,
  playing: false,
  aspect: '9:16' as Aspect,
  selection: { kind: 'project' } as Selection,
  guide: 'none' as Guide,
  /** the caption being worked on (the captions panel and the timeline's caption row show it) */
  caption: undefined as string | undefined,
  /** what the right column shows: the inspector or the captions panel */
  side: 'inspector' as SidePanel,
});

export function seek(frame: number): void {
  viewStore.set({ playhead: Math.max(0, Math.round(frame)) });
}

export function setPlaying(playing: boolean): void {
  viewStore.set({ playing });
}

export function togglePlaying(): void {
  viewStore.set((state) => ({ playing: !state.playing }));
}

export function stepFrames(delta: number): void {
  viewStore.set((state) => ({ playing: false, playhead: Math.max(0, state.playhead + delta) }));
}

export function setAspect(aspect: Aspect): void {
  viewStore.set((state) => ({ aspect, guide: state.guide === 'none' ? 'none' : aspect === '16:9' ? 'youtube' : state.guide === 'youtube' ? 'tiktok' : state.guide }));
}

export function select(selection: Selection): void {
  viewStore.set({ selection, side: 'inspector' });
}

export function showSidePanel(side: SidePanel): void {
  viewStore.set({ side });
}

export function setGuide(guide: Guide): void {
  viewStore.set({ guide });
}

/** Make a caption the one being worked on (or none). */
export function selectCaption(caption: string | undefined): void {
  if (viewStore.get().caption !== caption) viewStore.set({ caption });
}

/** Work on a caption in the captions panel (a caption block clicked on the timeline). */
export function showCaption(caption: string): void {
  viewStore.set({ caption, side: 'captions' });
}
