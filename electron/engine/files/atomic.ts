/**
 * Atomic file writes: write a temporary file in the same folder, flush it to
 * disk, then rename it over the target. A crash leaves either the old file or
 * the new one, never half of one.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

export async function writeFileAtomic(options: { path: string; data: string | Uint8Array }): Promise<void> {
  const target = path.resolve(options.path);
  const directory = path.dirname(target);
  await fs.mkdir(directory, { recursive: true });
  const temporary = path.join(directory, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await fs.open(temporary, 'w');
  try {
    await handle.writeFile(options.data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(temporary, target);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
  // flush the folder entry too, where the platform allows opening a folder
  if (process.platform !== 'win32') {
    try {
      const folder = await fs.open(directory, 'r');
      try {
        await folder.sync();
      } finally {
        await folder.close();
      }
    } catch {
      // some file systems refuse fsync on a folder; the rename is still atomic
    }
  }
}

export async function readJsonFile(file: string): Promise<{ found: false } | { found: true; text: string; value?: unknown; parseError?: string }> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { found: false };
    throw error;
  }
  try {
    return { found: true, text, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { found: true, text, parseError: error instanceof Error ? error.message : String(error) };
  }
}
