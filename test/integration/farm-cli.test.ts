/**
 * `klipkota farm` and `batch --farm` refusing what they cannot do, with exit
 * codes 2 (bad usage, nothing sent) and 1 (the farm cannot be used), in the
 * admin's language; the batch's checks happen before the farm is contacted.
 * And a worker refusing a pack from the farm whose files do not match the hash
 * its job named.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFarmQueue, PACK_QUEUE } from '../../electron/engine/farm/connection.js';
import { encodeJoinCode } from '../../electron/engine/farm/join-code.js';
import { packContentHash, packFolderForJob, storePack } from '../../electron/engine/farm/packs.js';
import { runKlipkota } from '../helpers/cli.js';
import { makeTempDir, type TempDir } from '../helpers/media.js';
import { oneClipProject } from '../helpers/project.js';
import { FARM_PACK, freePort, letPostgresThrough, makeShare, startPostgresFarm, type FarmShare } from './farm-fixture.js';

let temp: TempDir;
let share: FarmShare;
/** a farm address where nothing listens */
let nowhere: string;

const farm = (args: string[], language: 'id' | 'en' = 'en') => runKlipkota({ args, env: { KLIPKOTA_HOME: temp.file('home'), KLIPKOTA_LANG: language } });
const errorOf = (stdout: string) => (JSON.parse(stdout) as { error: { code: string; message: string } }).error;

beforeAll(async () => {
  temp = await makeTempDir('klipkota-farm-cli-');
  await letPostgresThrough(temp);
  share = await makeShare(temp, 'cli');
  nowhere = encodeJoinCode({ url: `postgres://klipkota:x@127.0.0.1:${await freePort()}/klipkota`, share: share.share, outputs: ['hasil'] });
});
afterAll(async () => {
  await temp?.remove();
});

describe('klipkota farm: refusals', () => {
  it('bad usage exits 2 with the reason in the admin language', async () => {
    const none = await farm(['farm'], 'id');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Subperintah farm');
    const notJoined = await farm(['farm', 'work', '--json']);
    expect(notJoined.code).toBe(2);
    expect(errorOf(notJoined.stdout).code).toBe('farm-not-joined');
    const cut = await farm(['farm', 'status', '--join', 'KK1-eyJ1cmwiOi', '--json']);
    expect(cut.code).toBe(2);
    expect(errorOf(cut.stdout)).toMatchObject({ code: 'farm-join-code', message: expect.stringContaining('cut off') });
    expect((await farm(['farm', 'serve'])).code).toBe(2);
    const outside = await farm(['farm', 'serve', '--share', share.share, '--out', temp.file('elsewhere')], 'id');
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('harus di dalam folder bersama');
  });

  it('a farm that cannot be reached exits 1 and says what to check', async () => {
    const run = await farm(['farm', 'status', '--join', nowhere, '--json']);
    expect(run.code).toBe(1);
    expect(errorOf(run.stdout)).toMatchObject({ code: 'farm-unreachable', message: expect.stringContaining('cannot be reached') });
  });

  it('batch --farm refuses an output folder the farm does not write to, and media outside the shared folder, before contacting the farm', async () => {
    const base = ['batch', share.projects[0]!, '--preset', 'youtube', '--farm', '--join', nowhere, '--share', share.share, '--json'];
    const wrongOut = await farm([...base, '--out', `${share.share}/proyek`]);
    expect(wrongOut.code).toBe(2);
    expect(errorOf(wrongOut.stdout).code).toBe('farm-output-refused');
    const stray = temp.file('di-luar.klipkota.json');
    await writeFile(stray, JSON.stringify(oneClipProject({ name: 'Di luar', clip: temp.file('cli-share/../lain.mp4') })));
    const outsideMedia = await farm(['batch', stray, '--preset', 'youtube', '--out', share.outDir, '--farm', '--join', nowhere, '--share', share.share, '--json']);
    expect(outsideMedia.code).toBe(2);
    expect(errorOf(outsideMedia.stdout).code).toBe('farm-outside-share');
    const sheet = temp.file('daftar.csv');
    await writeFile(sheet, 'klip,judul\nx.mp4,X\n');
    expect((await farm(['batch', sheet, '--preset', 'youtube', '--out', share.outDir, '--farm'])).code).toBe(2);
  });

  it('a worker with the wrong password is told to ask for a fresh join code (exit 1)', async () => {
    const database = await startPostgresFarm(temp);
    try {
      const wrong = encodeJoinCode({ url: database.url.replace(/:[^:@/]+@/, ':salah@'), share: share.share, outputs: ['hasil'] });
      const run = await farm(['farm', 'work', '--join', wrong, '--json']);
      expect(run.code).toBe(1);
      expect(errorOf(run.stdout)).toMatchObject({ code: 'farm-unreachable', message: expect.stringContaining('refused the password') });
    } finally {
      await database.stop();
    }
  });

  it('a pack fetched from the farm whose files do not match the hash the job named is refused and not kept', async () => {
    const database = await startPostgresFarm(temp);
    const packs = openFarmQueue({ url: database.url, name: PACK_QUEUE });
    try {
      const dir = path.join(share.submitterHome, 'packs', FARM_PACK);
      const claimed = { id: FARM_PACK, hash: 'b'.repeat(64) };
      await storePack({ packs, ref: claimed, dir });
      const farmPacksDir = temp.file('mismatch-worker-packs');
      await expect(packFolderForJob({ ref: claimed, packs, libraryDir: temp.file('mismatch-library'), farmPacksDir })).rejects.toMatchObject({ code: 'farm-pack-mismatch' });
      expect(existsSync(path.join(farmPacksDir, claimed.hash))).toBe(false);
      // the true hash is fetched, installed as an import would, and used
      const real = { id: FARM_PACK, hash: await packContentHash(dir) };
      await storePack({ packs, ref: real, dir });
      const installed = await packFolderForJob({ ref: real, packs, libraryDir: temp.file('mismatch-library'), farmPacksDir });
      expect(installed).toBe(path.join(farmPacksDir, real.hash, FARM_PACK));
      expect(await packContentHash(installed)).toBe(real.hash);
    } finally {
      await packs.close();
      await database.stop();
    }
  });
});
