import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KlipError } from '@core/errors.js';
import { buildSrt, parseSubtitles, readSubtitleFile, writeSrtFile } from '../../electron/engine/captions/subtitles.js';

const BOM = '\uFEFF';
const srtIndonesian = [
  '1',
  '00:00:00,500 --> 00:00:02,000',
  'Selamat pagi, warga Kota Malang!',
  '',
  '2',
  '00:00:02,040 --> 00:00:04,960',
  'Posyandu Kelurahan Kauman',
  'dibuka pukul 08.00 WIB.',
  '',
  '3',
  '00:00:05,000 --> 00:00:06,000',
  '<i>Mari</i> datang bersama keluarga — gratis.',
  '',
].join('\r\n');

function expectInvalid(action: () => unknown, code = 'subtitle-invalid'): KlipError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(KlipError);
    expect((error as KlipError).code).toBe(code);
    return error as KlipError;
  }
  throw new Error('expected the subtitle file to be refused');
}

describe('subtitles: reading .srt and .vtt', () => {
  it('reads an Indonesian .srt with a BOM and CRLF into frames at the project rate', () => {
    const cues = parseSubtitles({ text: BOM + srtIndonesian, fps: 25, source: 'posyandu.srt' });
    expect(cues).toEqual([
      { start: 13, duration: 37, text: 'Selamat pagi, warga Kota Malang!', line: 1 },
      { start: 51, duration: 73, text: 'Posyandu Kelurahan Kauman dibuka pukul 08.00 WIB.', line: 5 },
      { start: 125, duration: 25, text: 'Mari datang bersama keluarga — gratis.', line: 10 },
    ]);
    // the same file at 30 fps, and without BOM or CRLF, gives the same words
    const at30 = parseSubtitles({ text: srtIndonesian.replace(/\r\n/g, '\n'), fps: 30, source: 'posyandu.srt' });
    expect(at30.map((cue) => [cue.start, cue.start + cue.duration])).toEqual([[15, 60], [61, 149], [150, 180]]);
  });

  it('reads a WebVTT file, skipping the header and notes', () => {
    const vtt = `${BOM}WEBVTT - Posyandu\r\n\r\nNOTE dibuat oleh admin KIM\r\n\r\nsatu\r\n00:01.000 --> 00:02.500 align:center\r\nIbu hamil dan balita\r\n\r\n00:00:03.000 --> 00:00:04.000\r\ndiperiksa &amp; ditimbang\r\n`;
    const cues = parseSubtitles({ text: vtt, fps: 30, source: 'posyandu.vtt' });
    expect(cues).toEqual([
      { start: 30, duration: 45, text: 'Ibu hamil dan balita', line: 5 },
      { start: 90, duration: 30, text: 'diperiksa & ditimbang', line: 9 },
    ]);
  });

  it('names the line of a broken time, a missing number, a missing time line and an end before the start', () => {
    const badTime = srtIndonesian.replace('00:00:02,040 --> 00:00:04,960', '00:00:02,040 --> 00:0x:04,960');
    const error = expectInvalid(() => parseSubtitles({ text: badTime, fps: 30, source: 'rusak.srt' }));
    expect(error.text.id).toContain('baris 6');
    expect(error.text.en).toContain('rusak.srt is not valid at line 6');
    expect(error.text.en).toContain('00:0x:04,960');

    const noNumber = srtIndonesian.replace('2\r\n00:00:02,040', '00:00:02,040');
    expect(expectInvalid(() => parseSubtitles({ text: noNumber, fps: 30, source: 'a.srt' })).text.en).toContain('line 5');

    const noTime = `${srtIndonesian}\r\n4\r\nhanya teks tanpa waktu\r\n`;
    expect(expectInvalid(() => parseSubtitles({ text: noTime, fps: 30, source: 'a.srt' })).text.en).toMatch(/line 14 .*no time line/);

    const backwards = srtIndonesian.replace('00:00:05,000 --> 00:00:06,000', '00:00:06,000 --> 00:00:05,000');
    expect(expectInvalid(() => parseSubtitles({ text: backwards, fps: 30, source: 'a.srt' })).text.en).toMatch(/line 11 .*end time is not after/);

    expect(expectInvalid(() => parseSubtitles({ text: '1\n00:00:01.000 --> 00:00:02.000\nx\n', fps: 30, source: 'a.vtt' })).text.en).toContain('WEBVTT');
  });

  it('refuses a file that is not UTF-8 and a missing file with what to do', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'klipkota-subtitles-'));
    const latin1 = path.join(dir, 'lama.srt');
    writeFileSync(latin1, Buffer.from('1\r\n00:00:01,000 --> 00:00:02,000\r\nCaf\xe9\r\n', 'latin1'));
    await expect(readSubtitleFile({ path: latin1, fps: 30 })).rejects.toMatchObject({ code: 'subtitle-not-utf8' });
    await expect(readSubtitleFile({ path: path.join(dir, 'tidak-ada.srt'), fps: 30 })).rejects.toMatchObject({ code: 'subtitle-unreadable' });
  });
});

describe('subtitles: writing .srt', () => {
  it('writes numbered cues in time order with CRLF, and reads back to the same frames', async () => {
    const text = buildSrt({
      fps: 30,
      captions: [
        { text: 'kedua', startFrame: 61, endFrame: 149 },
        { text: 'Selamat  pagi,\nwarga!', startFrame: 15, endFrame: 60 },
        { text: '   ', startFrame: 150, endFrame: 160 },
      ],
    });
    expect(text).toBe('1\r\n00:00:00,500 --> 00:00:02,000\r\nSelamat pagi, warga!\r\n\r\n2\r\n00:00:02,033 --> 00:00:04,967\r\nkedua\r\n\r\n');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'klipkota-subtitles-'));
    const file = path.join(dir, 'video.srt');
    const fromFile = parseSubtitles({ text: srtIndonesian, fps: 30, source: 'in.srt' });
    await writeSrtFile({ path: file, fps: 30, captions: fromFile.map((cue) => ({ text: cue.text, startFrame: cue.start, endFrame: cue.start + cue.duration })) });
    const back = await readSubtitleFile({ path: file, fps: 30 });
    expect(back.map(({ line: _line, ...cue }) => cue)).toEqual(fromFile.map(({ line: _line, ...cue }) => cue));
    expect((await readFile(file))[0]).toBe('1'.charCodeAt(0));
  });
});
