/** The editor's pure pieces: shortcut keys, the whole job's time left, pasted paths, the project store's dispatch and history. */
import { describe, expect, it } from 'vitest';
import { deleteItem, insertClip } from '@core/model/edits.js';
import { ProjectSchema } from '@core/model/project.js';
import { COMMANDS, keyOf } from '../../renderer/src/commands/commands.js';
import { cleanPath, wholeJobEta, type JobView } from '../../renderer/src/features/export/exportStore.js';
import { dispatch, projectStore, redo, seal, undo } from '../../renderer/src/project/store.js';
import { createHistory } from '@core/model/history.js';

const key = (patch: Partial<KeyboardEvent>) => keyOf({ key: '', code: '', ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...patch } as KeyboardEvent);

describe('commands', () => {
  it('maps Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y (Cmd on a Mac), Space and arrows to one command each', () => {
    const find = (name: string) => COMMANDS.find((command) => command.keys.includes(name))?.id;
    expect(find(key({ key: 'z', ctrlKey: true }))).toBe('edit.undo');
    expect(find(key({ key: 'Z', metaKey: true, shiftKey: true }))).toBe('edit.redo');
    expect(find(key({ key: 'y', ctrlKey: true }))).toBe('edit.redo');
    expect(find(key({ key: ' ', code: 'Space' }))).toBe('preview.playPause');
    expect(find(key({ key: 'ArrowRight' }))).toBe('preview.nextFrame');
    expect(find(key({ key: 'ArrowLeft', shiftKey: true }))).toBe('preview.back1s');
    const all = COMMANDS.flatMap((command) => command.keys);
    expect(new Set(all).size).toBe(all.length);
  });
});

describe('export panel', () => {
  it('takes a path pasted with quotes as the path', () => {
    expect(cleanPath('  "C:\\Users\\admin\\Video Ekspor"  ')).toBe('C:\\Users\\admin\\Video Ekspor');
    expect(cleanPath("'/home/admin/hasil'")).toBe('/home/admin/hasil');
    expect(cleanPath('/home/admin/"x"')).toBe('/home/admin/"x"');
  });

  it('counts the presets still to come in the time left, and smooths it', () => {
    const job: JobView = { jobId: 'j', presets: ['tiktok', 'youtube'], outDir: '/o', state: 'running', presetPercent: 0, outputs: [], cancelling: false };
    // TikTok half done after 10 s with 10 s to go: YouTube will take about 20 s more
    const first = wholeJobEta({ job: { ...job, preset: 'tiktok', presetStartedAt: 0 }, preset: 'tiktok', percent: 50, etaSeconds: 10, now: 10_000 });
    expect(first).toBe(30);
    // a jumpy estimate moves the shown time only a fifth of the way
    expect(wholeJobEta({ job: { ...job, preset: 'tiktok', presetStartedAt: 0, jobEtaSeconds: 30 }, preset: 'tiktok', percent: 60, etaSeconds: 40, now: 12_000 })).toBeCloseTo(30 * 0.8 + (40 + 52) * 0.2, 6);
    // the last preset: only its own time
    expect(wholeJobEta({ job: { ...job, preset: 'youtube', presetStartedAt: 20_000 }, preset: 'youtube', percent: 50, etaSeconds: 8, now: 28_000 })).toBe(8);
  });
});

describe('project store', () => {
  it('applies edits through dispatch, folds a gesture into one step, undoes and redoes, and refuses a bad edit', () => {
    const project = ProjectSchema.parse({ kind: 'klipkota.project', version: 3, name: 'Uji', timeline: { tracks: { video: [] } } });
    projectStore.set({ project, history: createHistory(project) });
    const clip = { media: { path: '/m/a.mp4' }, sourceRange: { start: 0, duration: 30 } };
    expect(dispatch((current) => insertClip({ project: current, clip, index: 0 }))).toBe(true);
    for (const volume of [0.5, 0.6, 0.7]) dispatch((current) => ({ ...current, name: `Uji ${volume}` }), { key: 'name' });
    seal();
    expect(projectStore.get().project?.name).toBe('Uji 0.7');
    expect(dispatch((current) => deleteItem({ project: current, itemId: 'tidak-ada' }))).toBe(false);
    undo();
    expect(projectStore.get().project?.name).toBe('Uji');
    expect(projectStore.get().project?.timeline.tracks.video).toHaveLength(1);
    undo();
    expect(projectStore.get().project?.timeline.tracks.video).toHaveLength(0);
    redo();
    redo();
    expect(projectStore.get().project?.name).toBe('Uji 0.7');
    expect(projectStore.get().dirty).toBe(true);
  });
});
