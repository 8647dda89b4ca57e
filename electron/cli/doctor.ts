/**
 * `klipkota doctor [--json]`: which FFmpeg is used and whether it can render.
 * Exit 0 when everything required is there, 1 otherwise.
 */
import { EXIT } from '@core/errors.js';
import { whisperDoctor, type WhisperDoctorReport } from '../engine/captions/doctor.js';
import { doctorReport, type DoctorReport } from '../engine/ffmpeg/doctor.js';
import { usageError, type CliCommand, type CliContext, parseCommandArgs } from './context.js';
import { klipkotaHome } from '../engine/pack/home.js';
import { COMMAND_HELP } from './help.js';

const SOURCE_TEXT: Record<string, { id: string; en: string }> = {
  env: { id: 'variabel lingkungan', en: 'environment variable' },
  setting: { id: 'pengaturan aplikasi', en: 'app setting' },
  'ffmpeg-static': { id: 'ffmpeg-static bawaan', en: 'bundled ffmpeg-static' },
  'registry-package': { id: 'paket npm', en: 'npm package' },
  path: { id: 'PATH sistem', en: 'system PATH' },
};

const MODEL_SOURCE: Record<string, { id: string; en: string }> = {
  env: { id: 'variabel KLIPKOTA_WHISPER_MODEL', en: 'KLIPKOTA_WHISPER_MODEL variable' },
  setting: { id: 'pengaturan aplikasi', en: 'app setting' },
  option: { id: 'opsi --model', en: '--model option' },
};

/** Auto-captions: the binary, the model, and what to do when something is missing (optional: no effect on the exit code). */
function whisperLines(whisper: WhisperDoctorReport, language: CliContext['language']): string[] {
  const id = language === 'id';
  const lines = [id ? 'Teks otomatis (whisper.cpp, opsional):' : 'Auto-captions (whisper.cpp, optional):'];
  const runtime = whisper.runtime;
  lines.push(runtime.loaded ? `  ${id ? 'mesin' : 'engine'}: ok (${runtime.platformPackage})` : `  ${id ? 'mesin' : 'engine'}: ${id ? 'TIDAK DAPAT DIMUAT' : 'DOES NOT LOAD'}: ${runtime.problem[language]}`);
  const model = whisper.model;
  if (!model.set) lines.push(`  model: ${id ? 'BELUM DIATUR' : 'NOT SET'}: ${model.problem[language]}`);
  else {
    const state = model.ok
      ? model.published
        ? id ? `ok, ggml-${model.published}.bin (checksum whisper.cpp cocok)` : `ok, ggml-${model.published}.bin (whisper.cpp checksum matches)`
        : `ok, ${model.label}`
      : id ? 'DITOLAK' : 'REFUSED';
    lines.push(`  model: ${model.path}`, `    ${id ? 'sumber' : 'source'}: ${MODEL_SOURCE[model.source]?.[language] ?? model.source}`, `    ${state}`);
    for (const warning of model.warnings) lines.push(`    ${id ? 'peringatan' : 'warning'}: ${warning[language]}`);
    if (model.problem) lines.push(`    ${model.problem[language]}`);
  }
  return lines;
}

export function formatDoctorReport(report: DoctorReport & { whisper?: WhisperDoctorReport }, language: CliContext['language']): string {
  const id = language === 'id';
  const lines: string[] = [];
  for (const tool of ['ffmpeg', 'ffprobe'] as const) {
    const binary = report[tool];
    if (binary) {
      const source = SOURCE_TEXT[binary.source]?.[language] ?? binary.source;
      lines.push(`${tool}: ${binary.path}`, `  ${id ? 'sumber' : 'source'}: ${source}`, `  ${binary.version}`);
    } else lines.push(`${tool}: ${id ? 'TIDAK DITEMUKAN' : 'NOT FOUND'}`);
  }
  const mark = (present: boolean, required: boolean) => {
    if (present) return 'ok';
    if (required) return id ? 'TIDAK ADA' : 'MISSING';
    return id ? 'tidak ada (opsional)' : 'missing (optional)';
  };
  for (const kind of ['encoder', 'filter'] as const) {
    const label = kind === 'encoder' ? (id ? 'Encoder' : 'Encoders') : id ? 'Filter' : 'Filters';
    const checks = report.checks.filter((c) => c.kind === kind);
    if (checks.length === 0) continue;
    lines.push('', `${label}:`);
    for (const check of checks) {
      lines.push(`  ${check.name.padEnd(18)} ${mark(check.present, check.required)}`);
    }
  }
  if (report.whisper) lines.push('', ...whisperLines(report.whisper, language));
  for (const problem of report.problems) {
    lines.push('', `${id ? 'Masalah' : 'Problem'}: ${problem[language]}`);
    if (problem.detail) lines.push(`  (${problem.detail})`);
  }
  lines.push(
    '',
    report.ok
      ? id
        ? 'Semua yang dibutuhkan tersedia: KlipKota siap merender.'
        : 'Everything required is available: KlipKota is ready to render.'
      : id
        ? 'Ada yang kurang: pasang FFmpeg versi lengkap (dengan libx264) atau isi FFMPEG_PATH/FFPROBE_PATH dengan lokasinya.'
        : 'Something is missing: install a full FFmpeg build (with libx264) or set FFMPEG_PATH/FFPROBE_PATH to its location.',
  );
  return lines.join('\n');
}

export const doctorCommand: CliCommand = async (args, context) => {
  const parsed = parseCommandArgs({ args, context, usage: COMMAND_HELP.doctor.usage, spec: { json: { type: 'boolean' } } });
  if (typeof parsed === 'number') return parsed;
  if (parsed.positionals.length > 0) {
    return usageError(context, { id: `doctor tidak menerima berkas. Pemakaian: ${COMMAND_HELP.doctor.usage}`, en: `doctor takes no files. Usage: ${COMMAND_HELP.doctor.usage}` });
  }
  // auto-captions are optional: reported beside FFmpeg, never part of `ok` or the exit code
  const [ffmpegReport, whisper] = await Promise.all([doctorReport(), whisperDoctor({ home: klipkotaHome() })]);
  const report = { ...ffmpegReport, whisper };
  if (context.json || parsed.values.json) context.out(JSON.stringify(report, null, 2));
  else context.out(formatDoctorReport(report, context.language));
  return report.ok ? EXIT.ok : EXIT.failed;
};
