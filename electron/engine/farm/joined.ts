/**
 * The farm this PC belongs to, remembered in `<home>/farm/joined.json` (only
 * readable by its user: it holds the join code and so the password): written
 * by `farm serve` and `farm work --join`, read by `farm status`, `batch --farm`
 * and the app, so the code is typed once per PC.
 */
import { chmod, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { badInput, KlipError, type LocalizedText } from '@core/errors.js';
import { writeFileAtomic } from '../files/atomic.js';
import { decodeJoinCode, type JoinCode } from './join-code.js';

const JoinedFileSchema = z.object({ version: z.literal(1), joinCode: z.string().min(1), share: z.string().min(1).optional() });

const joinedFile = (home: string) => path.join(home, 'farm', 'joined.json');

export async function rememberFarm(options: { home: string; joinCode: string; share?: string }): Promise<void> {
  const file = joinedFile(options.home);
  await writeFileAtomic({ path: file, data: `${JSON.stringify({ version: 1, joinCode: options.joinCode, ...(options.share ? { share: options.share } : {}) }, null, 2)}\n` });
  await chmod(file, 0o600);
}

/** The farm to use: the code given now, else the one remembered; and this PC's shared folder. */
export async function farmToUse(options: { home: string; joinCode?: string; share?: string }): Promise<{ joinCode: string; join: JoinCode; share?: string }> {
  const saved = await readFile(joinedFile(options.home), 'utf8').then((text) => JoinedFileSchema.safeParse(JSON.parse(text)), () => undefined);
  const joinCode = options.joinCode ?? (saved?.success ? saved.data.joinCode : undefined);
  if (!joinCode) {
    throw badInput('farm-not-joined', {
      id: 'PC ini belum tergabung ke farm. Pakai --join KODE (kode dari "klipkota farm serve" di PC koordinator).',
      en: 'This PC has not joined a farm. Use --join CODE (the code "klipkota farm serve" printed on the coordinator PC).',
    });
  }
  const join = decodeJoinCode(joinCode);
  const share = options.share ?? (saved?.success && saved.data.joinCode === joinCode ? saved.data.share : undefined) ?? join.share;
  return { joinCode, join, ...(share ? { share: path.resolve(share) } : {}) };
}

/** Why a farm cannot be used right now, in words an admin can act on. */
export function farmUnreachableText(options: { address: string; detail: string }): LocalizedText {
  if (/password|authentication|NOAUTH|WRONGPASS/i.test(options.detail)) {
    return { id: `Farm di ${options.address} menolak kata sandinya. Minta kode gabung yang baru dari PC koordinator.`, en: `The farm at ${options.address} refused the password. Ask for a fresh join code from the coordinator PC.` };
  }
  return {
    id: `Farm di ${options.address} tidak bisa dihubungi. Pastikan "klipkota farm serve --lan" berjalan di PC koordinator dan PC ini satu jaringan dengannya.`,
    en: `The farm at ${options.address} cannot be reached. Make sure "klipkota farm serve --lan" runs on the coordinator PC and this PC is on the same network.`,
  };
}

/** A connection that failed, as an error. */
export function farmUnreachable(error: unknown, address: string): KlipError {
  const detail = error instanceof Error ? error.message : String(error);
  return new KlipError({ code: 'farm-unreachable', kind: 'failed', detail, text: farmUnreachableText({ address, detail }) });
}
