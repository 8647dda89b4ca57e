/**
 * `klipkota pack ...`: template packs as files to pass between offices.
 *   validate FILE|DIR            full check of a .klippack or a pack folder
 *   export DIR --out FILE        folder -> .klippack (validated first) [--overwrite]
 *   import FILE [--force]        into the library (<home>/packs)
 *   list | remove ID
 *   keygen --out DIR --issuer NAME
 *   sign DIR --key FILE [--issuer NAME]
 *   verify FILE|DIR              exit 0 verified, 1 unsigned/untrusted, 2 tampered or refused
 *   trust add FILE [--name NAME] | trust remove NAME|FINGERPRINT | trust list
 * Every subcommand takes --json (one JSON document on stdout). Exit 0 ok,
 * 1 failure, 2 refused pack or bad usage.
 */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EXIT, type LocalizedText } from '../../core/errors.js';
import type { PackTrust } from '../../core/pack/resolved.js';
import { exportPack, unpackAndValidate } from '../engine/pack/archive.js';
import { packLibraryDir, trustFilePath } from '../engine/pack/home.js';
import { importPack, listPacks, removePack } from '../engine/pack/library.js';
import { signPack, verifyPackFolder, writeKeyPair, type PackVerification } from '../engine/pack/sign.js';
import { addTrustedIssuer, displayFingerprint, readTrustList, removeTrustedIssuer } from '../engine/pack/trust.js';
import { validatePackFolder, type ValidatedPack } from '../engine/pack/validate.js';
import { usageError, type CliCommand, type CliContext, parseCommandArgs } from './context.js';

const USAGE = `klipkota pack validate FILE|DIR | export DIR --out FILE [--overwrite] | import FILE [--force] | list | remove ID
             | keygen --out DIR --issuer NAME | sign DIR --key FILE [--issuer NAME] | verify FILE|DIR
             | trust add FILE [--name NAME] | trust remove NAME|FINGERPRINT | trust list   [--json]`;

const OPTIONS = {
  json: { type: 'boolean' },
  out: { type: 'string' },
  force: { type: 'boolean' },
  overwrite: { type: 'boolean' },
  issuer: { type: 'string' },
  key: { type: 'string' },
  name: { type: 'string' },
} as const;

type Values = { [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };

function say(context: CliContext, text: LocalizedText): string {
  return text[context.language];
}

function trustText(state: PackTrust, verification: Pick<PackVerification, 'issuer' | 'fingerprint'>): LocalizedText {
  const who = verification.issuer ?? '?';
  const fp = verification.fingerprint ? displayFingerprint(verification.fingerprint) : '';
  switch (state) {
    case 'verified':
      return { id: `TERVERIFIKASI: ditandatangani oleh ${who} (sidik kunci ${fp})`, en: `VERIFIED: signed by ${who} (key fingerprint ${fp})` };
    case 'untrusted':
      return {
        id: `BELUM DIPERCAYA: tanda tangan sah dari "${who}" (sidik kunci ${fp}), tetapi penerbit ini tidak ada di daftar tepercaya Anda. Pastikan sidik kunci itu ke penerbitnya, lalu "klipkota pack trust add".`,
        en: `NOT TRUSTED: a valid signature by "${who}" (key fingerprint ${fp}), but this issuer is not on your trusted list. Confirm the fingerprint with the issuer, then run "klipkota pack trust add".`,
      };
    case 'unsigned':
      return { id: 'TIDAK DITANDATANGANI: asal paket ini tidak bisa dipastikan.', en: 'UNSIGNED: where this pack comes from cannot be confirmed.' };
    case 'tampered':
      return {
        id: 'DIUBAH: isi paket tidak cocok dengan tanda tangannya. Jangan pakai paket ini; minta salinan asli dari penerbitnya.',
        en: 'TAMPERED: the contents do not match the signature. Do not use this pack; ask the issuer for the original.',
      };
  }
}

/** A .klippack is checked in a private temporary folder that is always removed. */
async function withPack<T>(target: string, use: (pack: ValidatedPack) => Promise<T>): Promise<T> {
  const info = await stat(target).catch(() => undefined);
  if (info?.isDirectory()) return use(await validatePackFolder({ dir: target }));
  const work = await mkdtemp(path.join(os.tmpdir(), 'klipkota-pack-'));
  try {
    return await use(await unpackAndValidate({ file: target, workDir: work }));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function verificationJson(verification: PackVerification) {
  return {
    trust: verification.state,
    ...(verification.issuer ? { signer: verification.issuer } : {}),
    ...(verification.fingerprint ? { fingerprint: verification.fingerprint } : {}),
    ...(verification.state === 'tampered' ? { changed: verification.changed, added: verification.added, removed: verification.removed } : {}),
  };
}

function tamperedDetail(context: CliContext, verification: PackVerification): string[] {
  const id = context.language === 'id';
  return [
    ...verification.changed.map((file) => `  ${id ? 'diubah' : 'changed'}: ${file}`),
    ...verification.added.map((file) => `  ${id ? 'ditambah' : 'added'}: ${file}`),
    ...verification.removed.map((file) => `  ${id ? 'dihapus' : 'removed'}: ${file}`),
  ];
}

type Sub = (positionals: string[], values: Values, context: CliContext) => Promise<number>;

function needs(context: CliContext, ok: boolean, what: LocalizedText): number | undefined {
  if (ok) return undefined;
  return usageError(context, { id: `${what.id} Pemakaian: ${USAGE}`, en: `${what.en} Usage: ${USAGE}` });
}

const validate: Sub = async ([target, ...extra], _values, context) => {
  const bad = needs(context, Boolean(target) && extra.length === 0, { id: 'Sebutkan satu berkas .klippack atau folder paket.', en: 'Name one .klippack file or pack folder.' });
  if (bad !== undefined) return bad;
  const trusted = await readTrustList({ file: trustFilePath() });
  return withPack(target!, async (pack) => {
    const verification = await verifyPackFolder({ dir: pack.root, trusted });
    const m = pack.manifest;
    if (context.json)
      context.out(JSON.stringify({ ok: true, id: m.id, version: m.version, name: m.name, issuer: m.issuer.name, format: m.format, files: pack.files, ...verificationJson(verification) }, null, 2));
    else {
      context.out(say(context, { id: `Paket sah: ${m.name.id} (${m.id} ${m.version}), ${pack.files.length} berkas.`, en: `Pack is valid: ${m.name.en} (${m.id} ${m.version}), ${pack.files.length} files.` }));
      context.out(say(context, trustText(verification.state, verification)));
      for (const line of tamperedDetail(context, verification)) context.out(line);
    }
    return verification.state === 'tampered' ? EXIT.badInput : EXIT.ok;
  });
};

const exportSub: Sub = async ([dir, ...extra], values, context) => {
  const bad = needs(context, Boolean(dir) && extra.length === 0 && Boolean(values.out), { id: 'Sebutkan folder paket dan --out BERKAS.klippack.', en: 'Name the pack folder and --out FILE.klippack.' });
  if (bad !== undefined) return bad;
  const result = await exportPack({ dir: dir!, out: values.out!, overwrite: values.overwrite });
  const m = result.pack.manifest;
  if (context.json) context.out(JSON.stringify({ ok: true, file: result.file, bytes: result.bytes, id: m.id, version: m.version }, null, 2));
  else context.out(say(context, { id: `Paket ${m.id} ${m.version} diekspor ke ${result.file} (${result.bytes} bait).`, en: `Pack ${m.id} ${m.version} exported to ${result.file} (${result.bytes} bytes).` }));
  return EXIT.ok;
};

const importSub: Sub = async ([file, ...extra], values, context) => {
  const bad = needs(context, Boolean(file) && extra.length === 0, { id: 'Sebutkan satu berkas .klippack.', en: 'Name one .klippack file.' });
  if (bad !== undefined) return bad;
  const result = await importPack({ file: file!, libraryDir: packLibraryDir(), force: values.force, trustFile: trustFilePath() });
  if (context.json) context.out(JSON.stringify({ ok: true, id: result.id, version: result.version, dir: result.dir, ...(result.replaced ? { replaced: result.replaced } : {}), ...(result.warnings ? { warnings: result.warnings.map((warning) => warning[context.language]) } : {}), ...verificationJson(result.verification) }, null, 2));
  else {
    context.out(
      say(context, {
        id: `Paket ${result.name.id} (${result.id} ${result.version}) terpasang di ${result.dir}${result.replaced ? `, menggantikan versi ${result.replaced}` : ''}.`,
        en: `Pack ${result.name.en} (${result.id} ${result.version}) installed in ${result.dir}${result.replaced ? `, replacing version ${result.replaced}` : ''}.`,
      }),
    );
    context.out(say(context, trustText(result.verification.state, result.verification)));
  }
  for (const warning of result.warnings ?? []) context.err(say(context, warning));
  return EXIT.ok;
};

const list: Sub = async (positionals, _values, context) => {
  const bad = needs(context, positionals.length === 0, { id: '"pack list" tidak memakai argumen.', en: '"pack list" takes no arguments.' });
  if (bad !== undefined) return bad;
  const libraryDir = packLibraryDir();
  const packs = await listPacks({ libraryDir, trustFile: trustFilePath() });
  if (context.json) {
    context.out(JSON.stringify({ library: libraryDir, packs }, null, 2));
    return EXIT.ok;
  }
  if (packs.length === 0) context.out(say(context, { id: `Belum ada paket terpasang di ${libraryDir}.`, en: `No packs installed in ${libraryDir} yet.` }));
  for (const pack of packs) {
    if (pack.problem) {
      context.out(`${pack.id}  ${say(context, { id: 'RUSAK', en: 'BROKEN' })}: ${pack.problem.message[context.language]}`);
      continue;
    }
    const trust = { verified: { id: 'terverifikasi', en: 'verified' }, untrusted: { id: 'belum dipercaya', en: 'not trusted' }, unsigned: { id: 'tanpa tanda tangan', en: 'unsigned' }, tampered: { id: 'DIUBAH', en: 'TAMPERED' } }[pack.trust ?? 'unsigned'];
    context.out(`${pack.id}  ${pack.version}  ${pack.name?.[context.language] ?? ''}  (${pack.issuer}; ${say(context, trust)}${pack.signerName ? `: ${pack.signerName}` : ''})`);
    if (pack.preview) context.out(`    ${say(context, { id: 'pratinjau', en: 'preview' })}: ${pack.preview}`);
    if (pack.builtInShadow) {
      const which = pack.builtInShadow.used ? { id: 'DIPAKAI menggantikan paket bawaan', en: 'USED instead of the built-in pack' } : { id: 'TIDAK dipakai; paket bawaan yang dipakai', en: 'NOT used; the built-in pack is used' };
      context.out(`    ${say(context, which)}: ${pack.builtInShadow.reason[context.language]}`);
    }
  }
  return EXIT.ok;
};

const remove: Sub = async ([id, ...extra], _values, context) => {
  const bad = needs(context, Boolean(id) && extra.length === 0, { id: 'Sebutkan id paket yang akan dihapus.', en: 'Name the id of the pack to remove.' });
  if (bad !== undefined) return bad;
  const result = await removePack({ libraryDir: packLibraryDir(), id: id! });
  if (context.json) context.out(JSON.stringify({ ok: true, ...result }, null, 2));
  else context.out(say(context, { id: `Paket ${result.id} ${result.version ?? ''} dihapus.`, en: `Pack ${result.id} ${result.version ?? ''} removed.` }));
  return EXIT.ok;
};

const keygen: Sub = async (positionals, values, context) => {
  const bad = needs(context, positionals.length === 0 && Boolean(values.out) && Boolean(values.issuer), { id: 'Sebutkan --out FOLDER dan --issuer "NAMA KANTOR".', en: 'Give --out FOLDER and --issuer "OFFICE NAME".' });
  if (bad !== undefined) return bad;
  const keys = await writeKeyPair({ outDir: values.out!, issuer: values.issuer! });
  if (context.json) context.out(JSON.stringify({ ok: true, ...keys }, null, 2));
  else
    context.out(
      [
        say(context, { id: `Pasangan kunci untuk ${keys.issuer} dibuat.`, en: `Key pair for ${keys.issuer} created.` }),
        say(context, { id: `  kunci privat (SIMPAN DI KANTOR, jangan dibagikan): ${keys.privateKeyFile}`, en: `  private key (KEEP AT THE OFFICE, never share): ${keys.privateKeyFile}` }),
        say(context, { id: `  kunci publik: ${keys.publicKeyFile}`, en: `  public key: ${keys.publicKeyFile}` }),
        say(context, { id: `  berkas penerbit (dibagikan ke kantor lain untuk "pack trust add"): ${keys.issuerFile}`, en: `  issuer file (give to other offices for "pack trust add"): ${keys.issuerFile}` }),
        say(context, { id: `  sidik kunci: ${displayFingerprint(keys.fingerprint)}`, en: `  key fingerprint: ${displayFingerprint(keys.fingerprint)}` }),
      ].join('\n'),
    );
  return EXIT.ok;
};

const signSub: Sub = async ([dir, ...extra], values, context) => {
  const bad = needs(context, Boolean(dir) && extra.length === 0 && Boolean(values.key), { id: 'Sebutkan folder paket dan --key BERKAS.private.pem.', en: 'Name the pack folder and --key FILE.private.pem.' });
  if (bad !== undefined) return bad;
  const privateKeyPem = await readFile(values.key!, 'utf8').catch(() => '');
  const signature = await signPack({ dir: dir!, privateKeyPem, issuer: values.issuer });
  if (context.json) context.out(JSON.stringify({ ok: true, issuer: signature.issuer, fingerprint: signature.fingerprint, files: Object.keys(signature.files).length }, null, 2));
  else
    context.out(
      say(context, {
        id: `Paket ditandatangani oleh ${signature.issuer} (${Object.keys(signature.files).length} berkas, sidik kunci ${displayFingerprint(signature.fingerprint)}). Ekspor ulang paketnya agar tanda tangan ikut.`,
        en: `Pack signed by ${signature.issuer} (${Object.keys(signature.files).length} files, key fingerprint ${displayFingerprint(signature.fingerprint)}). Export the pack again so the signature travels with it.`,
      }),
    );
  return EXIT.ok;
};

const verifySub: Sub = async ([target, ...extra], _values, context) => {
  const bad = needs(context, Boolean(target) && extra.length === 0, { id: 'Sebutkan satu berkas .klippack atau folder paket.', en: 'Name one .klippack file or pack folder.' });
  if (bad !== undefined) return bad;
  const trusted = await readTrustList({ file: trustFilePath() });
  const verification = await withPack(target!, (pack) => verifyPackFolder({ dir: pack.root, trusted }));
  if (context.json) context.out(JSON.stringify(verificationJson(verification), null, 2));
  else {
    context.out(say(context, trustText(verification.state, verification)));
    for (const line of tamperedDetail(context, verification)) context.out(line);
  }
  return verification.state === 'verified' ? EXIT.ok : verification.state === 'tampered' ? EXIT.badInput : EXIT.failed;
};

async function publicKeyFromFile(file: string): Promise<{ publicKey: string; issuer?: string }> {
  const text = await readFile(file, 'utf8').catch(() => '');
  if (text.trim().startsWith('{')) {
    try {
      const json = JSON.parse(text) as { publicKey?: unknown; issuer?: unknown };
      return { publicKey: String(json.publicKey ?? ''), ...(typeof json.issuer === 'string' ? { issuer: json.issuer } : {}) };
    } catch {
      return { publicKey: '' };
    }
  }
  return { publicKey: text };
}

const trust: Sub = async ([action, ...rest], values, context) => {
  const file = trustFilePath();
  if (action === 'list' && rest.length === 0) {
    const issuers = await readTrustList({ file });
    if (context.json) context.out(JSON.stringify({ file, issuers: issuers.map(({ name, fingerprint, addedAt }) => ({ name, fingerprint, addedAt })) }, null, 2));
    else if (issuers.length === 0) context.out(say(context, { id: 'Belum ada penerbit tepercaya.', en: 'No trusted issuers yet.' }));
    else for (const issuer of issuers) context.out(`${issuer.name}  ${displayFingerprint(issuer.fingerprint)}`);
    return EXIT.ok;
  }
  if (action === 'add' && rest.length === 1) {
    const key = await publicKeyFromFile(rest[0]!);
    const name = values.name ?? key.issuer;
    const bad = needs(context, Boolean(name), { id: 'Berikan --name "NAMA PENERBIT" (berkas kunci publik tidak menyebut nama).', en: 'Give --name "ISSUER NAME" (a public key file carries no name).' });
    if (bad !== undefined) return bad;
    const entry = await addTrustedIssuer({ file, name: name!, publicKey: key.publicKey });
    if (context.json) context.out(JSON.stringify({ ok: true, name: entry.name, fingerprint: entry.fingerprint }, null, 2));
    else context.out(say(context, { id: `${entry.name} kini tepercaya (sidik kunci ${displayFingerprint(entry.fingerprint)}).`, en: `${entry.name} is now trusted (key fingerprint ${displayFingerprint(entry.fingerprint)}).` }));
    return EXIT.ok;
  }
  if (action === 'remove' && rest.length >= 1) {
    const removed = await removeTrustedIssuer({ file, which: rest.join(' ') });
    if (context.json) context.out(JSON.stringify({ ok: true, removed: removed.map(({ name, fingerprint }) => ({ name, fingerprint })) }, null, 2));
    else for (const issuer of removed) context.out(say(context, { id: `${issuer.name} dihapus dari daftar tepercaya.`, en: `${issuer.name} removed from the trusted list.` }));
    return EXIT.ok;
  }
  return usageError(context, { id: `Pemakaian: klipkota pack trust add FILE [--name NAMA] | trust remove NAMA|SIDIK | trust list`, en: `Usage: klipkota pack trust add FILE [--name NAME] | trust remove NAME|FINGERPRINT | trust list` });
};

const SUBCOMMANDS: Record<string, Sub> = {
  validate,
  export: exportSub,
  import: importSub,
  list,
  remove,
  keygen,
  sign: signSub,
  verify: verifySub,
  trust,
};

export const packCommand: CliCommand = async (args, context) => {
  const parsed = parseCommandArgs({ args, context, usage: USAGE, spec: OPTIONS });
  if (typeof parsed === 'number') return parsed;
  const [name, ...positionals] = parsed.positionals;
  const sub = name !== undefined && Object.hasOwn(SUBCOMMANDS, name) ? SUBCOMMANDS[name] : undefined;
  if (!sub) return usageError(context, { id: `Subperintah pack tidak dikenal. Pemakaian: ${USAGE}`, en: `Unknown pack subcommand. Usage: ${USAGE}` });
  const json = context.json || parsed.values.json === true;
  return sub(positionals, parsed.values as Values, { ...context, json });
};
