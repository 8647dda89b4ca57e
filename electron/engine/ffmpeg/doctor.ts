/**
 * `doctor`: which ffmpeg and ffprobe KlipKota uses, their versions, and
 * whether they have the encoders and filters the renderer needs.
 */
import { isKlipError, type KlipErrorData } from '@core/errors.js';
import { resolveFfmpeg, resolveFfprobe, type BinaryChoice, type BinaryTool } from './binaries.js';
import { availableEncoders, availableFilters, runFfmpeg } from './runner.js';

export const REQUIRED_ENCODERS = ['libx264', 'aac'] as const;
export const REQUIRED_FILTERS = [
  'scale',
  'boxblur',
  'overlay',
  'vstack',
  'hstack',
  'fade',
  'concat',
  'loudnorm',
  'apad',
  'atrim',
  'anullsrc',
  'amix',
  'sidechaincompress',
] as const;
/** Nice to have: without it the compiler falls back to other transitions. */
export const OPTIONAL_FILTERS = ['xfade'] as const;

export interface DoctorBinary extends BinaryChoice {
  /** first line of `-version`, for example "ffmpeg version 4.1 ..." */
  version: string;
}

export interface DoctorCheck {
  name: string;
  kind: 'encoder' | 'filter';
  required: boolean;
  present: boolean;
}

export interface DoctorReport {
  ok: boolean;
  ffmpeg?: DoctorBinary;
  ffprobe?: DoctorBinary;
  /** empty when ffmpeg itself could not be found or run */
  checks: DoctorCheck[];
  /** problems found (a binary missing or not starting), as plain error data in both languages */
  problems: Array<{ code: string; id: string; en: string; detail?: string }>;
}

async function describe(tool: BinaryTool): Promise<DoctorBinary> {
  const choice = tool === 'ffmpeg' ? resolveFfmpeg() : resolveFfprobe();
  const { stdout } = await runFfmpeg({ tool, args: ['-version'] });
  const version = stdout.split(/\r?\n/).find((line) => line.trim() !== '')?.trim() ?? 'unknown';
  return { ...choice, version };
}

function problemFrom(error: unknown): DoctorReport['problems'][number] {
  if (isKlipError(error)) {
    const data: KlipErrorData = error.toData('en');
    return { code: data.code, id: error.text.id, en: error.text.en, ...(data.detail ? { detail: data.detail } : {}) };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', id: message, en: message };
}

export async function doctorReport(): Promise<DoctorReport> {
  const problems: DoctorReport['problems'] = [];
  let ffmpeg: DoctorBinary | undefined;
  let ffprobe: DoctorBinary | undefined;
  try {
    ffmpeg = await describe('ffmpeg');
  } catch (error) {
    problems.push(problemFrom(error));
  }
  try {
    ffprobe = await describe('ffprobe');
  } catch (error) {
    problems.push(problemFrom(error));
  }

  let encoders = new Set<string>();
  let filters = new Set<string>();
  if (ffmpeg) {
    try {
      [encoders, filters] = await Promise.all([availableEncoders(), availableFilters()]);
    } catch (error) {
      problems.push(problemFrom(error));
    }
  }
  // without a working ffmpeg nothing is known about its encoders and filters: no checks to show
  const checks: DoctorCheck[] = !ffmpeg || problems.length > 0 ? [] : [
    ...REQUIRED_ENCODERS.map((name) => ({ name, kind: 'encoder' as const, required: true, present: encoders.has(name) })),
    ...REQUIRED_FILTERS.map((name) => ({ name, kind: 'filter' as const, required: true, present: filters.has(name) })),
    ...OPTIONAL_FILTERS.map((name) => ({ name, kind: 'filter' as const, required: false, present: filters.has(name) })),
  ];
  const ok =
    ffmpeg !== undefined && ffprobe !== undefined && problems.length === 0 && checks.length > 0 && checks.every((c) => c.present || !c.required);
  return { ok, ...(ffmpeg ? { ffmpeg } : {}), ...(ffprobe ? { ffprobe } : {}), checks, problems };
}
