/**
 * The FFmpeg and FFprobe the admin chose instead of the bundled ones. Never
 * set by the renderer (the contract's settings patch has no such field): only
 * the main process's own file dialog or the FFMPEG_PATH/FFPROBE_PATH
 * environment sets them, and a chosen file is saved only after it answers
 * `-version` as FFmpeg (or FFprobe) does.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { badInput } from '../../../core/errors.js';
import type { Settings } from '../../../core/api/contract.js';
import { updateSettings } from './settings.js';

const VERSION_TIMEOUT_MS = 10_000;

function notTool(file: string, tool: 'ffmpeg' | 'ffprobe', detail: string) {
  return badInput(
    'ffmpeg-not-valid',
    {
      id: `"${path.basename(file)}" bukan ${tool} (tidak menjawab "${tool} -version" seperti ${tool}). Pilih berkas ${tool}${process.platform === 'win32' ? '.exe' : ''} dari folder bin FFmpeg.`,
      en: `"${path.basename(file)}" is not ${tool} (it does not answer "${tool} -version" as ${tool} does). Choose the ${tool}${process.platform === 'win32' ? '.exe' : ''} file from FFmpeg's bin folder.`,
    },
    `${file}: ${detail}`,
  );
}

/** Run `file -version` and check that it says it is the tool; returns the version line. */
export function checkFfmpegBinary(options: { file: string; tool: 'ffmpeg' | 'ffprobe' }): Promise<string> {
  const { file, tool } = options;
  if (!path.isAbsolute(file)) return Promise.reject(notTool(file, tool, 'not an absolute path'));
  return new Promise((resolve, reject) => {
    execFile(file, ['-hide_banner', '-version'], { timeout: VERSION_TIMEOUT_MS, windowsHide: true, maxBuffer: 1024 * 1024 }, (error, stdout) => {
      const first = String(stdout).split(/\r?\n/)[0] ?? '';
      if (error && !first) return reject(notTool(file, tool, error.message.split('\n')[0] ?? 'failed'));
      if (!new RegExp(`^${tool} version \\S+`).test(first) || !/\bconfiguration:|\blib(avcodec|avformat)\b/.test(String(stdout)))
        return reject(notTool(file, tool, `answered "${first.slice(0, 120)}"`));
      resolve(first);
    });
  });
}

/** Check the chosen binaries, then save them in the settings (main process only). */
export async function chooseFfmpegBinaries(options: { home: string; ffmpegPath: string; ffprobePath?: string }): Promise<Settings> {
  await checkFfmpegBinary({ file: options.ffmpegPath, tool: 'ffmpeg' });
  if (options.ffprobePath !== undefined) await checkFfmpegBinary({ file: options.ffprobePath, tool: 'ffprobe' });
  return updateSettings({ home: options.home, patch: { ffmpegPath: options.ffmpegPath, ...(options.ffprobePath !== undefined ? { ffprobePath: options.ffprobePath } : {}) } });
}

/**
 * The saved binaries that still answer as FFmpeg/FFprobe (checked at every
 * start: a settings file written by an older version, or by hand, is not
 * trusted blindly); a path that fails is left out, so the next one in the
 * order (bundled, PATH) is used.
 */
export async function checkedSavedBinaries(settings: Pick<Settings, 'ffmpegPath' | 'ffprobePath'>): Promise<{ ffmpegPath?: string; ffprobePath?: string }> {
  const keep = async (file: string | null, tool: 'ffmpeg' | 'ffprobe') =>
    file === null ? undefined : await checkFfmpegBinary({ file, tool }).then(() => file, () => undefined);
  const [ffmpegPath, ffprobePath] = await Promise.all([keep(settings.ffmpegPath, 'ffmpeg'), keep(settings.ffprobePath, 'ffprobe')]);
  return { ...(ffmpegPath ? { ffmpegPath } : {}), ...(ffprobePath ? { ffprobePath } : {}) };
}
