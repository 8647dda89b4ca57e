/**
 * A quick check that an MP4/MOV file is whole: its top-level boxes must fit in
 * the file. A copy cut short (a full USB stick, an interrupted transfer) often
 * still probes, because the index sits at the front, and would export frozen
 * frames; this finds it in microseconds without decoding.
 */
import { open } from 'node:fs/promises';

/** undefined when whole (or not an ISO-BMFF file), else a short description of the damage. */
export async function isoBmffDamage(file: string): Promise<string | undefined> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const header = Buffer.alloc(16);
    let offset = 0;
    let boxes = 0;
    while (offset + 8 <= size && boxes < 10_000) {
      const { bytesRead } = await handle.read(header, 0, 16, offset);
      if (bytesRead < 8) break;
      const type = header.toString('latin1', 4, 8);
      if (boxes === 0 && type !== 'ftyp' && type !== 'wide' && type !== 'mdat' && type !== 'moov' && type !== 'free') return undefined;
      let length = header.readUInt32BE(0);
      if (length === 1) {
        if (bytesRead < 16) return 'header cut short';
        length = Number(header.readBigUInt64BE(8));
      }
      if (length === 0) return undefined; // the last box runs to the end of the file
      if (length < 8) return `box ${JSON.stringify(type)} has a bad length`;
      if (offset + length > size) return `box ${JSON.stringify(type)} needs ${offset + length} bytes, the file has ${size}`;
      offset += length;
      boxes += 1;
    }
    return undefined;
  } finally {
    await handle.close();
  }
}
