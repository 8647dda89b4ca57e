/**
 * Temporary folders for integration tests that generate their own media with FFmpeg.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface TempDir {
  dir: string;
  file: (name: string) => string;
  remove: () => Promise<void>;
}

export async function makeTempDir(prefix = 'klipkota-test-'): Promise<TempDir> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  return {
    dir,
    file: (name) => path.join(dir, name),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
