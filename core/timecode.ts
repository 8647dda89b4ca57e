/**
 * Timecodes as the editor shows and accepts them: HH:MM:SS:FF (frames at the
 * project's rate) or plain seconds ("12", "12.5", "12,5"), and M:SS / H:MM:SS.
 */
export function formatTimecode(frame: number, fps: number): string {
  const whole = Math.max(0, Math.round(frame));
  const frames = whole % fps;
  const totalSeconds = Math.floor(whole / fps);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(Math.floor(totalSeconds / 3600))}:${pad(Math.floor(totalSeconds / 60) % 60)}:${pad(totalSeconds % 60)}:${pad(frames)}`;
}

/** The frame a typed timecode names, or undefined when it is not one. */
export function parseTimecode(text: string, fps: number): number | undefined {
  const value = text.trim().replace(',', '.');
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * fps);
  const parts = value.split(':');
  if (parts.length < 2 || parts.length > 4 || parts.some((part) => !/^\d+$/.test(part))) return undefined;
  const numbers = parts.map(Number);
  if (numbers.length === 4) {
    const [hours = 0, minutes = 0, seconds = 0, frames = 0] = numbers;
    if (minutes > 59 || seconds > 59 || frames >= fps) return undefined;
    return ((hours * 60 + minutes) * 60 + seconds) * fps + frames;
  }
  const [a = 0, b = 0, c] = numbers;
  if (c === undefined) return b > 59 ? undefined : (a * 60 + b) * fps;
  if (b > 59 || c > 59) return undefined;
  return ((a * 60 + b) * 60 + c) * fps;
}
