/**
 * The packaging configuration is valid, and `electron-builder --dir --linux`
 * with a stand-in Electron (the real binary cannot run or be downloaded here)
 * produces an app folder with the app in the asar, the FFmpeg binaries outside
 * it (runnable), the built-in template packs and the licence notices.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { unpackedPath } from '../../electron/engine/ffmpeg/binaries.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
const asar = require('@electron/asar') as {
  listPackage(archive: string): string[];
  statFile(archive: string, file: string): { size?: number; unpacked?: boolean };
  extractFile(archive: string, file: string): Buffer;
};

interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  asar: boolean;
  asarUnpack: string[];
  extraResources: Array<{ from: string; to: string }>;
  win: { target: Array<{ target: string; arch: string[] }>; files: string[]; icon: string };
  linux: { target: Array<{ target: string; arch: string[] }>; files: string[]; icon: string };
}

const config = yaml.load(readFileSync(path.join(repo, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

describe('electron-builder.yml', () => {
  it('names the app and its targets: Windows NSIS and portable x64, Linux AppImage and deb x64', () => {
    expect(config.appId).toBe('id.go.malangkota.klipkota');
    expect(config.productName).toBe('KlipKota');
    expect(config.win.target).toEqual([
      { target: 'nsis', arch: ['x64'] },
      { target: 'portable', arch: ['x64'] },
    ]);
    expect(config.linux.target).toEqual([
      { target: 'AppImage', arch: ['x64'] },
      { target: 'deb', arch: ['x64'] },
    ]);
    for (const icon of [config.win.icon, config.linux.icon]) expect(existsSync(path.join(repo, icon))).toBe(true);
  });

  it('unpacks the FFmpeg packages from the asar and packs only the target platform binaries', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining(['node_modules/@ffmpeg-installer/**', 'node_modules/@ffprobe-installer/**', 'node_modules/ffmpeg-static/**']),
    );
    expect(config.linux.files).toEqual(expect.arrayContaining(['!node_modules/@ffmpeg-installer/win32-*/**', '!node_modules/@ffprobe-installer/win32-*/**']));
    expect(config.win.files).toEqual(expect.arrayContaining(['!node_modules/@ffmpeg-installer/linux-*/**', '!node_modules/@ffprobe-installer/linux-*/**']));
    // platform lists name the app files too, or electron-builder would add its default "**/*"
    for (const files of [config.files, config.linux.files, config.win.files]) expect(files).toContain('out/main/**/*');
  });

  it('ships the template packs and the licences, with the FFmpeg GPL notice and source offer', () => {
    expect(config.extraResources).toEqual(
      expect.arrayContaining([expect.objectContaining({ from: 'templates', to: 'templates' }), expect.objectContaining({ from: 'resources/licenses', to: 'licenses' })]),
    );
    const notice = readFileSync(path.join(repo, 'resources/licenses/FFMPEG-GPL-NOTICE.txt'), 'utf8');
    expect(notice).toContain('GNU General Public License');
    expect(notice).toMatch(/source code/i);
    expect(notice).toContain('https://johnvansickle.com/ffmpeg/');
    expect(readFileSync(path.join(repo, 'resources/licenses/GPL-3.0.txt'), 'utf8')).toContain('GNU GENERAL PUBLIC LICENSE');
    expect(existsSync(path.join(repo, 'templates/pemkot-malang/fonts/OFL.txt'))).toBe(true);
  });
});

describe('electron-builder --dir --linux with a stand-in Electron', () => {
  const work = mkdtempSync(path.join(os.tmpdir(), 'klipkota-packaging-'));
  const appDir = path.join(work, 'dist', 'linux-unpacked');
  const resources = path.join(appDir, 'resources');
  const archive = path.join(resources, 'app.asar');

  beforeAll(() => {
    const build = spawnSync(process.execPath, [path.join(repo, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
      cwd: repo,
      encoding: 'utf8',
    });
    expect(build.status, build.stderr).toBe(0);

    // all electron-builder needs from an Electron distribution for --dir is its executable
    const electronDist = path.join(work, 'electron-dist');
    mkdirSync(electronDist);
    writeFileSync(path.join(electronDist, 'electron'), '#!/bin/sh\necho "stand-in Electron"\n');
    chmodSync(path.join(electronDist, 'electron'), 0o755);

    const pack = spawnSync(
      process.execPath,
      [
        path.join(repo, 'node_modules/electron-builder/cli.js'),
        '--dir',
        '--linux',
        '--x64',
        `-c.electronDist=${electronDist}`,
        `-c.directories.output=${path.join(work, 'dist')}`,
      ],
      { cwd: repo, encoding: 'utf8', env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' } },
    );
    expect(pack.status, `${pack.stdout}\n${pack.stderr}`).toBe(0);
  });

  it('produces the app executable and the asar with the built main, preload and renderer', () => {
    expect(existsSync(path.join(appDir, 'klipkota'))).toBe(true);
    const files = asar.listPackage(archive).map((file) => file.replace(/\\/g, '/'));
    for (const file of ['/package.json', '/out/main/index.js', '/out/preload/index.cjs', '/out/renderer/index.html']) expect(files).toContain(file);
    const manifest = JSON.parse(asar.extractFile(archive, 'package.json').toString('utf8')) as { main: string };
    expect(files).toContain(`/${manifest.main}`);
    // nothing but the app: no demo output, no CLI runner, no other platform's FFmpeg
    expect(files.some((file) => file.startsWith('/out/demo'))).toBe(false);
    expect(files.some((file) => file.startsWith('/node_modules/tsx/'))).toBe(false);
    expect(files.some((file) => /@ff(mpeg|probe)-installer\/(win32|darwin)/.test(file))).toBe(false);
  });

  it('keeps the FFmpeg binaries outside the asar, runnable, where the app resolves them', () => {
    for (const [tool, packageDir] of [
      ['ffmpeg', '@ffmpeg-installer/linux-x64'],
      ['ffprobe', '@ffprobe-installer/linux-x64'],
    ] as const) {
      const inArchive = path.join('node_modules', packageDir, tool);
      expect(asar.statFile(archive, inArchive).unpacked).toBe(true);
      const original = process.resourcesPath;
      (process as { resourcesPath?: string }).resourcesPath = resources;
      let resolved: string;
      try {
        resolved = unpackedPath(path.join(archive, inArchive));
      } finally {
        (process as { resourcesPath?: string }).resourcesPath = original;
      }
      expect(resolved).toBe(path.join(resources, 'app.asar.unpacked', inArchive));
      accessSync(resolved, constants.X_OK);
      const version = spawnSync(resolved, ['-version'], { encoding: 'utf8' });
      expect(version.stdout).toMatch(new RegExp(`^${tool} version`));
    }
  });

  it('keeps whisper.cpp\'s CPU binary outside the asar, and leaves out its CUDA, Vulkan and browser builds and sources', () => {
    const binary = path.join('node_modules', '@fugood/node-whisper-linux-x64', 'index.node');
    expect(asar.statFile(archive, binary).unpacked).toBe(true);
    expect(existsSync(path.join(resources, 'app.asar.unpacked', binary))).toBe(true);
    const files = asar.listPackage(archive).map((file) => file.replace(/\\/g, '/'));
    expect(files).toContain('/node_modules/@fugood/whisper.node/lib/index.js');
    expect(files.some((file) => /@fugood\/node-whisper-[^/]*-(cuda|vulkan)\//.test(file))).toBe(false);
    expect(files.some((file) => file.startsWith('/node_modules/@fugood/node-whisper-wasm/'))).toBe(false);
    expect(files.some((file) => file.startsWith('/node_modules/@fugood/whisper.node/whisper.cpp/'))).toBe(false);
  });

  it('puts the template packs and licences in the resources folder', () => {
    expect(JSON.parse(readFileSync(path.join(resources, 'templates/pemkot-malang/pack.json'), 'utf8')).id).toBe('pemkot-malang');
    expect(existsSync(path.join(resources, 'templates/pemkot-malang/fonts/OFL.txt'))).toBe(true);
    expect(readFileSync(path.join(resources, 'licenses/FFMPEG-GPL-NOTICE.txt'), 'utf8')).toContain('GNU General Public License');
  });
});
