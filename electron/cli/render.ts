/**
 * `klipkota render [PROJECT.json] [--clip FILE]... [--title "NAME|ROLE"] [--music FILE]
 *  [--reframe blur|crop|pad] [--captions FILE.srt] [--sidecar] --preset tiktok,youtube --out DIR
 *  [--pack DIR] [--overwrite] [--json]`
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { badInput, EXIT } from '@core/errors.js';
import { parseProject } from '@core/model/migrate.js';
import type { Project } from '@core/model/project.js';
import { buildQuickProject, parseTitle } from '@core/model/quick.js';
import { withDefaultFields } from '@core/model/fields.js';
import { parsePresetIds } from '@core/presets.js';
import { probeMany, probeMedia } from '../engine/ffmpeg/probe.js';
import { choosePack } from '../engine/pack/find.js';
import { packLibraryDir } from '../engine/pack/home.js';
import { BUILT_IN_PACK_ID } from '../engine/pack/load.js';
import { nameRoleTemplate } from '@core/pack/templates.js';
import type { ResolvedPack } from '@core/pack/resolved.js';
import { renderProject, type RenderOutput, type RenderRequest } from '../engine/export/render.js';
import { withCaptionsFile } from '../engine/captions/subtitles.js';
import { reportError, usageError, type CliCommand, type CliContext, parseCommandArgs } from './context.js';
import { COMMAND_HELP } from './help.js';

const REFRAMES = ['blur', 'crop', 'pad'] as const;


export async function readProjectFile(file: string): Promise<Project> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw badInput('project-missing', {
      id: `Berkas proyek ${file} tidak ditemukan. Periksa nama dan foldernya.`,
      en: `Project file ${file} was not found. Check its name and folder.`,
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badInput('project-invalid', {
      id: `Berkas proyek ${path.basename(file)} bukan JSON yang sah. Buka dengan KlipKota atau pulihkan dari cadangan.`,
      en: `Project file ${path.basename(file)} is not valid JSON. Open it with KlipKota or restore it from a backup.`,
    });
  }
  return parseProject(value, path.basename(file));
}

/** Print the outputs as one JSON document or as lines for people. */
export function printOutputs(outputs: RenderOutput[], context: CliContext): void {
  if (context.json) {
    context.out(
      JSON.stringify({
        outputs: outputs.map(({ preset, path: file, width, height, durationSeconds, bytes, sidecar }) => ({
          preset,
          path: file,
          width,
          height,
          durationSeconds,
          bytes,
          ...(sidecar ? { sidecar } : {}),
        })),
      }),
    );
    return;
  }
  for (const output of outputs) {
    const megabytes = (output.bytes / 1024 / 1024).toFixed(1);
    context.out(`${output.preset}: ${output.path} (${output.width}x${output.height}, ${output.durationSeconds.toFixed(2)} s, ${megabytes} MB)`);
    if (output.sidecar) context.out(`  ${context.language === 'id' ? 'teks' : 'captions'}: ${output.sidecar}`);
    for (const warning of output.warnings) context.err(`  ${context.language === 'id' ? 'Perhatian' : 'Warning'}: ${warning.message[context.language]}`);
  }
}

/** A progress line on stderr for people (not in --json mode). */
export function progressPrinter(context: CliContext): RenderRequest['onProgress'] {
  if (context.json || !process.stderr.isTTY) return undefined;
  let last = '';
  return (event) => {
    const eta = event.etaSeconds !== undefined ? ` ~${Math.ceil(event.etaSeconds)} s` : '';
    const line = `${event.preset}: ${event.percent.toFixed(0)}%${eta}`;
    if (line !== last) process.stderr.write(`\r${line.padEnd(40)}${event.percent >= 100 ? '\n' : ''}`);
    last = line;
  };
}

const RENDER_OPTIONS = {
  clip: { type: 'string', multiple: true },
  title: { type: 'string' },
  music: { type: 'string' },
  reframe: { type: 'string' },
  captions: { type: 'string' },
  sidecar: { type: 'boolean' },
  preset: { type: 'string' },
  out: { type: 'string' },
  pack: { type: 'string' },
  overwrite: { type: 'boolean' },
  'allow-tampered-pack': { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

interface RenderValues {
  clip?: string[];
  title?: string;
  music?: string;
  reframe?: string;
  preset?: string;
  out?: string;
  pack?: string;
  overwrite?: boolean;
}

/** The option combinations that make no sense; undefined when the usage is fine, else the exit code. */
function checkRenderUsage(options: { values: RenderValues; positionals: string[]; context: CliContext }): number | undefined {
  const { values, positionals, context } = options;
  if (!values.out) return usageError(context, { id: 'Sebutkan folder hasil dengan --out DIR.', en: 'Name the output folder with --out DIR.' });
  if (values.reframe && !REFRAMES.includes(values.reframe as (typeof REFRAMES)[number])) {
    return usageError(context, { id: '--reframe harus blur, crop atau pad.', en: '--reframe must be blur, crop or pad.' });
  }
  if (positionals.length > 1) {
    return usageError(context, { id: 'Berikan paling banyak satu berkas proyek.', en: 'Give at most one project file.' });
  }
  const clipOptions = (['clip', 'title', 'music', 'reframe'] as const).filter((name) => values[name] !== undefined);
  if (positionals.length === 1 && clipOptions.length > 0) {
    const named = clipOptions.map((name) => `--${name}`).join(', ');
    return usageError(context, {
      id: `${named} hanya dipakai tanpa berkas proyek; proyek sudah menentukan klip, judul dan musiknya. Ubah proyeknya di KlipKota, atau hapus berkas proyek dari perintah.`,
      en: `${named} only work without a project file; the project already sets its clips, titles and music. Change the project in KlipKota, or leave the project file out.`,
    });
  }
  if (positionals.length === 0 && clipOptions.every((name) => name !== 'clip')) {
    return usageError(context, { id: 'Berikan berkas proyek atau minimal satu --clip FILE.', en: 'Give a project file or at least one --clip FILE.' });
  }
  return undefined;
}

/** The project `render --clip ...` lays out: the clips end to end with the pack's intro, outro, logo and a title. */
async function quickProject(options: { values: RenderValues; context: CliContext }): Promise<{ project: Project; pack: ResolvedPack }> {
  const { values, context } = options;
  const pack = await choosePack({ dir: values.pack && path.resolve(values.pack), id: BUILT_IN_PACK_ID, libraryDir: packLibraryDir(), probe: (file) => probeMedia(file) });
  const titleTemplate = values.title ? nameRoleTemplate(pack.manifest) : undefined;
  if (values.title && !titleTemplate) {
    throw badInput('template-missing', {
      id: `Paket ${pack.manifest.id} tidak punya templat nama dan jabatan, jadi --title tidak bisa dipakai. Pilih paket lain dengan --pack.`,
      en: `Pack ${pack.manifest.id} has no name-and-role template, so --title cannot be used. Choose another pack with --pack.`,
    });
  }
  const clipPaths = (values.clip ?? []).map((file) => path.resolve(file));
  const [clips, music] = await Promise.all([
    probeMany(clipPaths, { signal: context.signal }),
    values.music ? probeMany([path.resolve(values.music)], { signal: context.signal }) : Promise.resolve([]),
  ]);
  const name = clips.length ? path.basename(clipPaths[0]!).replace(/\.[^.]+$/, '') : 'video';
  const project = buildQuickProject({
    name,
    clips,
    music: music[0],
    title: values.title ? parseTitle(values.title) : undefined,
    reframe: values.reframe as (typeof REFRAMES)[number] | undefined,
    fields: { title: name },
    titleTemplate: titleTemplate?.id,
    pack: pack.manifest.id,
  });
  return { project, pack };
}

export const renderCommand: CliCommand = async (args, context) => {
  const parsed = parseCommandArgs({ args, context, usage: COMMAND_HELP.render.usage, spec: RENDER_OPTIONS });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const bad = checkRenderUsage({ values, positionals, context });
  if (bad !== undefined) return bad;
  try {
    const presets = parsePresetIds(values.preset ?? 'tiktok,youtube');
    const projectFile = positionals[0];
    const quick = projectFile ? undefined : await quickProject({ values, context });
    const read = withDefaultFields(quick?.project ?? (await readProjectFile(projectFile!)), { date: new Date(), language: context.language });
    const project = values.captions ? await withCaptionsFile({ project: read, path: path.resolve(values.captions) }) : read;
    const outputs = await renderProject({
      project,
      projectDir: projectFile ? path.dirname(path.resolve(projectFile)) : process.cwd(),
      presets,
      outDir: path.resolve(values.out!),
      packDir: values.pack && !quick ? path.resolve(values.pack) : undefined,
      pack: quick?.pack,
      overwrite: values.overwrite ?? false,
      sidecar: values.sidecar ?? false,
      allowTamperedPack: values['allow-tampered-pack'] ?? false,
      signal: context.signal,
      onProgress: progressPrinter(context),
      log: process.env.KLIPKOTA_DEBUG ? (line) => context.err(line) : undefined,
    });
    printOutputs(outputs, context);
    return EXIT.ok;
  } catch (error) {
    return reportError(error, context);
  }
};
