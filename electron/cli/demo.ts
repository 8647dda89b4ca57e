/**
 * `klipkota demo --out DIR [--presets LIST] [--overwrite] [--json]`: makes its own sample clips and
 * music with FFmpeg (no video is committed), writes a demo project beside them and
 * renders it with the Pemkot Malang pack to every preset.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { badInput, EXIT } from '@core/errors.js';
import { ProjectSchema, type ProjectInput } from '@core/model/project.js';
import { parsePresetIds, PRESET_IDS } from '@core/presets.js';
import { renderProject } from '../engine/export/render.js';
import { makeSampleClip, makeSampleMusic } from '../engine/media/samples.js';
import { printOutputs, progressPrinter } from './render.js';
import { withDefaultFields } from '@core/model/fields.js';
import { reportError, usageError, type CliCommand, parseCommandArgs } from './context.js';
import { COMMAND_HELP } from './help.js';

/** The demo's sample media: odd on purpose (mixed sizes, rates, a rotated phone clip, a clip without sound). */
export async function makeDemoMedia(dir: string): Promise<{ clips: string[]; music: string }> {
  await mkdir(dir, { recursive: true });
  const clips = ['jalan-ijen.mp4', 'wawancara-hp.mp4', 'balai-kota.mp4'].map((name) => path.join(dir, name));
  const music = path.join(dir, 'musik-latar.m4a');
  await makeSampleClip({ path: clips[0]!, seconds: 6, width: 1280, height: 720, fps: 25, audio: { sampleRate: 44100, frequency: 330 } });
  await makeSampleClip({ path: clips[1]!, seconds: 5, width: 960, height: 540, fps: 30, rotation: 90, audio: { sampleRate: 48000, channels: 1, frequency: 220 } });
  await makeSampleClip({ path: clips[2]!, seconds: 4, width: 1280, height: 720, fps: 30, pattern: 'smpte', audio: false });
  await makeSampleMusic({ path: music, seconds: 12 });
  return { clips, music };
}

export function demoProject(media: { clips: string[]; music: string }, baseDir: string): ProjectInput {
  const fps = 30;
  const relative = (file: string) => path.relative(baseDir, file).split(path.sep).join('/');
  const seconds = [6, 5, 4];
  return {
    kind: 'klipkota.project',
    version: 3,
    name: 'Demo KlipKota: Car Free Day Ijen',
    fps,
    pack: 'pemkot-malang',
    fields: { title: 'Car Free Day di Jalan Ijen' },
    timeline: {
      tracks: {
        video: media.clips.map((file, index) => ({
          kind: 'clip',
          id: `clip-${index + 1}`,
          media: { path: relative(file) },
          sourceRange: { start: 0, duration: seconds[index]! * fps },
          reframe: index === 1 ? { mode: 'crop', focusX: 0.5, focusY: 0.4 } : index === 2 ? { mode: 'pad', color: 'primary' } : { mode: 'blur' },
        })),
        overlay: [
          {
            kind: 'overlay',
            id: 'lower-third-1',
            template: 'lower-third',
            fields: { name: 'Rina Kusumawardani', role: 'Admin KIM Kelurahan Oro-Oro Dowo' },
            start: 15,
            duration: 4 * fps,
          },
          {
            kind: 'overlay',
            id: 'lower-third-2',
            template: 'lower-third',
            fields: { name: 'Bambang Setiawan', role: 'Warga Kecamatan Klojen' },
            start: 6 * fps + 15,
            duration: 3 * fps + 15,
          },
        ],
        audio: [{ kind: 'music', id: 'music-1', media: { path: relative(media.music) }, volume: 0.3 }],
      },
    },
  };
}

export const demoCommand: CliCommand = async (args, context) => {
const parsed = parseCommandArgs({
    args,
    context,
    usage: COMMAND_HELP.demo.usage,
    spec: { out: { type: 'string' }, presets: { type: 'string' }, overwrite: { type: 'boolean' }, json: { type: 'boolean' } },
  });
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  if (!values.out) return usageError(context, { id: 'Sebutkan folder hasil dengan --out DIR.', en: 'Name the output folder with --out DIR.' });
  try {
    const outDir = path.resolve(values.out);
    const presets = parsePresetIds(values.presets ?? PRESET_IDS.join(','));
    const projectFile = path.join(outDir, 'demo.klipkota.json');
    if (!values.overwrite && existsSync(projectFile)) {
      throw badInput('output-exists', {
        id: `Folder ${outDir} sudah berisi demo sebelumnya. Pilih folder lain atau jalankan lagi dengan --overwrite.`,
        en: `The folder ${outDir} already holds an earlier demo. Choose another folder or run again with --overwrite.`,
      });
    }
    if (!context.json) context.err(context.language === 'id' ? 'Membuat klip contoh…' : 'Making sample clips…');
    const media = await makeDemoMedia(path.join(outDir, 'media'));
    const input = demoProject(media, outDir);
    await writeFile(projectFile, `${JSON.stringify(input, null, 2)}\n`);
    const project = withDefaultFields(ProjectSchema.parse(input), { date: new Date(), language: context.language });
    const outputs = await renderProject({
      project,
      projectDir: outDir,
      presets,
      outDir,
      overwrite: values.overwrite ?? false,
      signal: context.signal,
      onProgress: progressPrinter(context),
    });
    printOutputs(outputs, context);
    return EXIT.ok;
  } catch (error) {
    return reportError(error, context);
  }
};
