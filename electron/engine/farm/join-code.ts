/**
 * The join code an admin copies from the coordinator PC to the worker PCs: the
 * farm's address with its random password, the shared folder as the
 * coordinator sees it (the default for workers that map it the same way), and
 * the output folders the coordinator's admin chose (a worker writes nowhere
 * else). `KK1-` then base64url JSON, checked with zod when read.
 */
import { z } from 'zod';
import { badInput } from '@core/errors.js';
import { ShareRelativePathSchema } from '@core/farm.js';
import { backendOf } from './connection.js';

const PREFIX = 'KK1-';

export const JoinCodeSchema = z.strictObject({
  url: z.string().min(1).max(2000).refine((url) => /^(postgres(ql)?|rediss?):\/\//i.test(url), 'postgres:// or redis:// address'),
  share: z.string().min(1).max(4096).optional(),
  outputs: z.array(ShareRelativePathSchema).min(1).max(32),
});
export type JoinCode = z.infer<typeof JoinCodeSchema>;

export function encodeJoinCode(code: JoinCode): string {
  backendOf(code.url);
  return PREFIX + Buffer.from(JSON.stringify(JoinCodeSchema.parse(code)), 'utf8').toString('base64url');
}

export function decodeJoinCode(text: string): JoinCode {
  const refused = () =>
    badInput('farm-join-code', {
      id: 'Kode gabung farm tidak sah atau terpotong. Salin ulang kode lengkap yang dicetak "klipkota farm serve" di PC koordinator.',
      en: 'The farm join code is not valid or was cut off. Copy again the whole code "klipkota farm serve" printed on the coordinator PC.',
    });
  const trimmed = text.trim();
  if (!trimmed.startsWith(PREFIX)) throw refused();
  try {
    return JoinCodeSchema.parse(JSON.parse(Buffer.from(trimmed.slice(PREFIX.length), 'base64url').toString('utf8')));
  } catch {
    throw refused();
  }
}
