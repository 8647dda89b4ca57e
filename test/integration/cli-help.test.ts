/**
 * Help where people look for it: `klipkota --help`, `klipkota help`,
 * `klipkota help COMMAND [SUBCOMMAND]` and `--help` (or `-h`) on every command and
 * pack subcommand print that command's usage in the user's language and exit 0,
 * without running the command.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { COMMAND_HELP, PACK_HELP } from '../../electron/cli/help.js';
import { runCli } from '../../electron/cli/main.js';
import { runKlipkota } from '../helpers/cli.js';
import { makeTempDir, type TempDir } from '../helpers/media.js';

let temp: TempDir;
const savedLanguage = process.env.KLIPKOTA_LANG;

beforeAll(async () => {
  temp = await makeTempDir('klipkota-help-');
});
afterAll(async () => {
  if (savedLanguage === undefined) delete process.env.KLIPKOTA_LANG;
  else process.env.KLIPKOTA_LANG = savedLanguage;
  await temp.remove();
});

/** runCli in this process, with what it wrote to stdout and stderr. */
async function run(args: string[], language: 'id' | 'en' = 'en'): Promise<{ code: number; out: string; err: string }> {
  process.env.KLIPKOTA_LANG = language;
  const out: string[] = [];
  const err: string[] = [];
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
  try {
    const code = await runCli(args);
    return { code, out: out.join(''), err: err.join('') };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

const COMMANDS = Object.keys(COMMAND_HELP) as Array<keyof typeof COMMAND_HELP>;
const PACK_SUBCOMMANDS = Object.keys(PACK_HELP) as Array<keyof typeof PACK_HELP>;

describe('klipkota help', () => {
  it('the real command: --help, help and pack --help print usage and exit 0', async () => {
    for (const args of [['--help'], ['help'], ['pack', '--help']]) {
      const result = await runKlipkota({ args, env: { KLIPKOTA_LANG: 'en' } });
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
      expect(result.stderr).toBe('');
      expect(result.stdout).toContain('Usage');
    }
    const pack = await runKlipkota({ args: ['pack', '--help'], env: { KLIPKOTA_LANG: 'en' } });
    expect(pack.stdout).toContain(COMMAND_HELP.pack.usage.split('\n')[0]);
  });

  it('the overview names every command with what it does, in Indonesian by default', async () => {
    const english = await run(['--help']);
    expect(english.code).toBe(0);
    for (const name of COMMANDS) expect(english.out).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
    expect(english.out).toContain('klipkota help COMMAND');
    const indonesian = await run(['help'], 'id');
    expect(indonesian.code).toBe(0);
    expect(indonesian.out).toContain('Pemakaian: klipkota PERINTAH');
    expect((await run(['-h'])).code).toBe(0);
  });

  it('klipkota with no command prints the overview but exits 2 (bad usage)', async () => {
    const result = await run([]);
    expect(result.code).toBe(2);
    expect(result.out).toContain('klipkota help COMMAND');
  });

  for (const name of COMMANDS) {
    it(`${name} --help, ${name} -h and help ${name} print its usage and exit 0`, async () => {
      const usage = COMMAND_HELP[name].usage.split('\n')[0]!;
      for (const args of [[name, '--help'], [name, '-h'], ['help', name]]) {
        const result = await run(args);
        expect(result.code, args.join(' ')).toBe(0);
        expect(result.err).toBe('');
        expect(result.out).toContain(`Usage:\n  ${usage}`);
        expect(result.out).toContain(COMMAND_HELP[name].about.en.split('\n')[0]);
      }
      const indonesian = await run([name, '--help'], 'id');
      expect(indonesian.out).toContain(`Pemakaian:\n  ${usage}`);
      expect(indonesian.out).toContain(COMMAND_HELP[name].about.id.split('\n')[0]);
    });
  }

  it('every pack subcommand answers --help with its own usage, as does help pack SUBCOMMAND', async () => {
    for (const sub of PACK_SUBCOMMANDS) {
      for (const args of [['pack', sub, '--help'], ['help', 'pack', sub]]) {
        const result = await run(args);
        expect(result.code, args.join(' ')).toBe(0);
        expect(result.out).toContain(`Usage:\n  ${PACK_HELP[sub].usage}`);
        expect(result.out).toContain(PACK_HELP[sub].about.en);
      }
    }
  });

  it('--help wins over everything else: nothing runs, nothing is written', async () => {
    const out = temp.file('demo-not-made');
    const demo = await run(['demo', '--out', out, '--help']);
    expect(demo.code).toBe(0);
    expect(existsSync(out)).toBe(false);
    const render = await run(['render', '--clip', temp.file('missing.mp4'), '--preset', 'nonsense', '--out', out, '-h']);
    expect(render.code).toBe(0);
    expect(render.err).toBe('');
    expect(existsSync(out)).toBe(false);
    const key = await run(['pack', 'keygen', '--out', out, '--issuer', 'X', '--help']);
    expect(key.code).toBe(0);
    expect(existsSync(out)).toBe(false);
  });

  it('help for a command that does not exist is a usage error (exit 2) naming the commands', async () => {
    const result = await run(['help', 'publish']);
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err).toContain('Unknown command "publish"');
    expect(result.err).toContain('render, batch');
    expect((await run(['publish', '--help'])).code).toBe(2);
  });
});
