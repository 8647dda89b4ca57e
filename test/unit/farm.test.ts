/**
 * The farm's data rules (core/farm.ts) and join codes: a job is data checked
 * with the local queue's schemas, its paths stay inside the shared folder, its
 * names are never option-like, and a join code round-trips but a cut or forged
 * one is refused.
 */
import { describe, expect, it } from 'vitest';
import { FarmJobSchema, farmOutputPath, isShareRelative, isUnderOutputFolders } from '@core/farm.js';
import { backendOf, publicAddress } from '../../electron/engine/farm/connection.js';
import { decodeJoinCode, encodeJoinCode } from '../../electron/engine/farm/join-code.js';
import { oneClipProject } from '../helpers/project.js';

const job = {
  kind: 'klipkota.farm-job',
  version: 1,
  project: oneClipProject({ name: 'Posyandu', clip: 'media/posyandu.mp4' }),
  projectName: 'Posyandu',
  presets: ['youtube', 'tiktok'],
  baseName: 'posyandu',
  outDir: 'hasil/minggu-1',
  pack: { id: 'pemkot-malang', hash: 'a'.repeat(64) },
  submittedBy: 'pc-admin',
};

describe('farm jobs', () => {
  it('accepts a job made of project data with share-relative paths', () => {
    expect(FarmJobSchema.parse(job).outDir).toBe('hasil/minggu-1');
    expect(farmOutputPath(FarmJobSchema.parse(job), 'youtube')).toBe('hasil/minggu-1/posyandu-youtube.mp4');
  });

  it.each([
    ['a parent folder', { outDir: 'hasil/../../Windows' }],
    ['an absolute output folder', { outDir: '/etc' }],
    ['a drive', { outDir: 'C:/Users' }],
    ['a backslash path', { outDir: 'hasil\\..\\x' }],
    ['an option-like folder', { outDir: 'hasil/-rf' }],
    ['an unknown preset', { presets: ['youtube', '-vf'] }],
    ['an option-like base name', { baseName: '-i /etc/passwd' }],
    ['a slash in the base name', { baseName: '../posyandu' }],
    ['an option-like output name', { outputNames: { youtube: '-y.mp4' } }],
    ['an output name for a preset the job does not render', { outputNames: { reels: 'x.mp4' } }],
    ['an extra field', { command: 'rm -rf /' }],
    ['an absolute media path', { project: oneClipProject({ name: 'x', clip: '/etc/passwd' }) }],
    ['a media path leaving the share', { project: oneClipProject({ name: 'x', clip: '../rahasia.mp4' }) }],
    ['a short pack hash', { pack: { id: 'pemkot-malang', hash: 'abc' } }],
  ])('refuses %s', (_, change) => {
    expect(FarmJobSchema.safeParse({ ...job, ...change }).success).toBe(false);
  });

  it('keeps writes under the chosen output folders', () => {
    expect(isShareRelative('hasil/a.mp4')).toBe(true);
    expect(isUnderOutputFolders({ outDir: 'hasil', outputs: ['hasil'] })).toBe(true);
    expect(isUnderOutputFolders({ outDir: 'hasil/minggu-1', outputs: ['hasil'] })).toBe(true);
    expect(isUnderOutputFolders({ outDir: 'hasil-lain', outputs: ['hasil'] })).toBe(false);
    expect(isUnderOutputFolders({ outDir: 'proyek', outputs: ['hasil', 'arsip'] })).toBe(false);
  });
});

describe('farm join codes and addresses', () => {
  it('round-trips a join code and refuses a cut or forged one', () => {
    const code = encodeJoinCode({ url: 'postgres://klipkota:rahasia@192.168.1.10:54329/klipkota', share: 'Z:\\KlipKota', outputs: ['hasil'] });
    expect(code.startsWith('KK1-')).toBe(true);
    expect(decodeJoinCode(`  ${code}\n`).url).toBe('postgres://klipkota:rahasia@192.168.1.10:54329/klipkota');
    expect(() => decodeJoinCode(code.slice(0, -6))).toThrow(/join code/);
    const forged = `KK1-${Buffer.from(JSON.stringify({ url: 'http://x', outputs: ['hasil'] })).toString('base64url')}`;
    expect(() => decodeJoinCode(forged)).toThrow(/join code/);
    const outside = `KK1-${Buffer.from(JSON.stringify({ url: 'redis://h:6379', outputs: ['../'] })).toString('base64url')}`;
    expect(() => decodeJoinCode(outside)).toThrow(/join code/);
  });

  it('lets the connection string decide the backend and never prints the password', () => {
    expect(backendOf('postgres://u:p@h:5432/db')).toBe('postgres');
    expect(backendOf('postgresql://u:p@h/db')).toBe('postgres');
    expect(backendOf('redis://:p@h:6379')).toBe('redis');
    expect(() => backendOf('mysql://h')).toThrow(/not recognised/);
    expect(publicAddress('postgres://klipkota:rahasia@10.0.0.5:54329/klipkota')).toBe('postgres://10.0.0.5:54329');
    expect(publicAddress('redis://:rahasia@10.0.0.5')).toBe('redis://10.0.0.5:6379');
  });
});
