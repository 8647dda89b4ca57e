/**
 * A batch spreadsheet with a captions column (`takarir`): each row's project
 * gets the captions of its .srt at the project's rate; a missing or broken file
 * is that row's issue, naming the column (and the line of the file).
 */
import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSampleClip } from '../../electron/engine/media/samples.js';
import { describeSheetIssue, prepareSheet } from '../../electron/engine/queue/sheet-jobs.js';
import { makeTempDir, type TempDir } from '../helpers/media.js';

let temp: TempDir;

beforeAll(async () => {
  temp = await makeTempDir('klipkota-captions-sheet-');
  await makeSampleClip({ path: temp.file('posyandu.mp4'), seconds: 2, width: 320, height: 180 });
  await writeFile(temp.file('posyandu.srt'), '\uFEFF1\r\n00:00:00,500 --> 00:00:01,500\r\nPosyandu Melati dibuka\r\n');
  await writeFile(temp.file('rusak.srt'), '1\r\n00:00:00,500 --> 00:00:xx\r\nrusak\r\n');
  const rows = [
    'klip;judul;Takarir',
    'posyandu.mp4;Posyandu Melati;posyandu.srt',
    'posyandu.mp4;Posyandu Mawar;rusak.srt',
    'posyandu.mp4;Posyandu Anggrek;tidak-ada.srt',
    'posyandu.mp4;Posyandu Kenanga;',
  ];
  await writeFile(temp.file('posyandu.csv'), `\uFEFF${rows.join('\r\n')}\r\n`);
}, 60_000);

afterAll(async () => {
  await temp?.remove();
});

describe('sheet captions column', () => {
  it('puts each row\'s captions in its project, and reports broken or missing files by row and column', async () => {
    const sheet = await prepareSheet({ file: temp.file('posyandu.csv'), presets: ['youtube'], defaultPack: 'pemkot-malang', language: 'en' });
    expect(sheet.rows.map((row) => [row.row, row.project.timeline.tracks.captions])).toEqual([
      [2, [{ id: 'caption-1', start: 15, duration: 30, text: 'Posyandu Melati dibuka' }]],
      [5, []],
    ]);
    const issues = sheet.issues.map((entry) => describeSheetIssue(entry, 'en'));
    expect(issues).toEqual([
      expect.stringMatching(/^row 3, column captions: The subtitle file rusak\.srt is not valid at line 2/),
      expect.stringMatching(/^row 4, column captions: Captions file tidak-ada\.srt was not found/),
    ]);
  });
});
