/**
 * The architecture's layering rule as a test (DESIGN.md, "Layers"):
 * - core/ imports only itself and zod (no node:*, Node builtins, electron, React, other packages);
 * - electron/engine/ never imports electron (nor electron/main or electron/preload, which do);
 * - renderer/ imports no node:*, Node builtins, electron, nor anything under electron/ (core/ is fine);
 * - only electron/engine/ffmpeg/runner.ts imports fluent-ffmpeg.
 * Every offending file and line is reported at once.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface ImportRef {
  specifier: string;
  /** 1-based line of the specifier */
  line: number;
}

const LEXICAL = /('(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`)|\/\/[^\n]*|\/\*[\s\S]*?\*\//g;

/**
 * The source with comments replaced by spaces (newlines kept, so line numbers stay
 * right), and where its string literals lie, so words inside strings are not taken for code.
 */
export function blankComments(source: string): { text: string; literals: Array<[number, number]> } {
  const literals: Array<[number, number]> = [];
  const text = source.replace(LEXICAL, (match, literal: string | undefined, offset: number) => {
    if (literal === undefined) return match.replace(/[^\n]/g, ' ');
    literals.push([offset, offset + match.length]);
    return match;
  });
  return { text, literals };
}

const IMPORT_PATTERNS = [
  // import x from 'a'; import { a,\n b } from 'a'; import type X from 'a'; import 'a'; export * from 'a'; export { a } from 'a'
  /(?:^|[^\w$.])((?:import|export)\s*(?:type\s+)?(?:[\w$*{}\s,]*?\bfrom\s*)?(['"])([^'"\n]+)\2)/g,
  // import('a'), await import(\n 'a'\n)
  /(?:^|[^\w$.])(import\s*\(\s*(['"`])([^'"`\n]+)\2\s*[,)])/g,
  // require('a'), import x = require('a')
  /(?:^|[^\w$.])(require\s*\(\s*(['"`])([^'"`\n]+)\2\s*\))/g,
];

/** Every module specifier a TypeScript source imports, re-exports, dynamically imports or requires. */
export function findImports(source: string): ImportRef[] {
  const { text, literals } = blankComments(source);
  const insideLiteral = (index: number) => literals.some(([start, end]) => index > start && index < end);
  const found: Array<ImportRef & { index: number }> = [];
  for (const pattern of IMPORT_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const keyword = match.index + match[0].length - match[1]!.length;
      if (insideLiteral(keyword)) continue;
      const specifier = match[3]!;
      const index = match.index + match[0].lastIndexOf(specifier);
      found.push({ specifier, index, line: text.slice(0, index).split('\n').length });
    }
  }
  return found.sort((a, b) => a.index - b.index).map(({ specifier, line }) => ({ specifier, line }));
}

const NODE_BUILTINS = new Set(builtinModules.filter((name) => !name.startsWith('_')));

function isNodeBuiltin(specifier: string): boolean {
  if (specifier.startsWith('node:')) return true;
  return NODE_BUILTINS.has(specifier) || NODE_BUILTINS.has(specifier.split('/')[0]!);
}

function isPackage(specifier: string, name: string): boolean {
  return specifier === name || specifier.startsWith(`${name}/`);
}

/** The repository-relative (posix) path a relative specifier points at, or undefined for a package. */
function target(file: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.') && !specifier.startsWith('/')) return undefined;
  return posix.normalize(posix.join(posix.dirname(file), specifier));
}

function within(path: string, folder: string): boolean {
  return path === folder || path.startsWith(`${folder}/`);
}

/** The rule each import of a file breaks, if any. `file` is repository-relative with forward slashes. */
export function layerViolations(file: string, source: string): string[] {
  const problems: string[] = [];
  for (const { specifier, line } of findImports(source)) {
    const to = target(file, specifier);
    const report = (rule: string) => problems.push(`${file}:${line}: imports '${specifier}': ${rule}`);
    if (isPackage(specifier, 'fluent-ffmpeg') && file !== 'electron/engine/ffmpeg/runner.ts') {
      report('only electron/engine/ffmpeg/runner.ts may import fluent-ffmpeg');
    }
    if (within(file, 'core')) {
      if (to !== undefined ? !within(to, 'core') : !isPackage(specifier, 'zod')) {
        report('core/ may import only core/ and zod');
      }
    } else if (within(file, 'electron/engine')) {
      if (isPackage(specifier, 'electron')) report('electron/engine/ must not import electron');
      if (to !== undefined && (within(to, 'electron/main') || within(to, 'electron/preload'))) {
        report('electron/engine/ must not import electron/main or electron/preload');
      }
    } else if (within(file, 'renderer')) {
      if (isNodeBuiltin(specifier)) report('renderer/ runs in the browser and must not import Node modules');
      if (isPackage(specifier, 'electron')) report('renderer/ must not import electron; use the typed API');
      if (to !== undefined && within(to, 'electron')) report('renderer/ must not import from electron/; use the typed API');
    }
  }
  return problems;
}

function sourceFiles(folder: string): string[] {
  const absolute = join(ROOT, folder);
  let entries: string[];
  try {
    entries = readdirSync(absolute, { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  return entries
    .filter((entry) => /\.(?:ts|tsx|mts|cts)$/.test(entry) && !entry.split(sep).includes('node_modules'))
    .map((entry) => relative(ROOT, join(absolute, entry)).split(sep).join('/'))
    .sort();
}

describe('the import scanner', () => {
  it('finds every form of import with its line', () => {
    const source = [
      "import fs from 'node:fs';", // 1
      'import {', // 2
      '  readFile,', // 3
      '  writeFile as write,', // 4
      "} from 'fs/promises';", // 5
      "import type { Project } from '../model/project.js';", // 6
      "import './side-effect.js';", // 7
      "export * from './reexport.js';", // 8
      "export { a, b as c } from \"./named.js\";", // 9
      'const lazy = await import(', // 10
      "  'electron'", // 11
      ');', // 12
      "const cp = require('child_process');", // 13
      "import zip = require('fflate');", // 14
      "export const label = 'import x from \"not-an-import\"';", // 15
      "// import bad from 'react';", // 16
      "/* import bad from 'react-dom';", // 17
      "   require('os') */", // 18
      "const url = 'http://example.com'; import React from 'react';", // 19
      "export type { Clip } from './types.js';", // 20
      'const t = `${x}`; import * as z from "zod";', // 21
    ].join('\n');
    expect(findImports(source)).toEqual([
      { specifier: 'node:fs', line: 1 },
      { specifier: 'fs/promises', line: 5 },
      { specifier: '../model/project.js', line: 6 },
      { specifier: './side-effect.js', line: 7 },
      { specifier: './reexport.js', line: 8 },
      { specifier: './named.js', line: 9 },
      { specifier: 'electron', line: 11 },
      { specifier: 'child_process', line: 13 },
      { specifier: 'fflate', line: 14 },
      { specifier: 'react', line: 19 },
      { specifier: './types.js', line: 20 },
      { specifier: 'zod', line: 21 },
    ]);
  });

  it('does not take words like "reimport" or "obj.require" for imports', () => {
    expect(findImports("reimport('a'); obj.require('b'); myimport from 'c';")).toEqual([]);
  });

  it('flags a bad import in core, engine and renderer fixtures', () => {
    const bad = [
      "import { readFileSync } from 'node:fs';",
      "import path from 'path';",
      "import { app } from 'electron';",
      "import React from 'react';",
      "import { z } from 'zod';",
      "import { even } from '../geometry.js';",
      "import { run } from '../../electron/engine/ffmpeg/runner.js';",
      "import ffmpeg from 'fluent-ffmpeg';",
    ].join('\n');
    expect(layerViolations('core/model/bad.ts', bad)).toEqual([
      "core/model/bad.ts:1: imports 'node:fs': core/ may import only core/ and zod",
      "core/model/bad.ts:2: imports 'path': core/ may import only core/ and zod",
      "core/model/bad.ts:3: imports 'electron': core/ may import only core/ and zod",
      "core/model/bad.ts:4: imports 'react': core/ may import only core/ and zod",
      "core/model/bad.ts:7: imports '../../electron/engine/ffmpeg/runner.js': core/ may import only core/ and zod",
      "core/model/bad.ts:8: imports 'fluent-ffmpeg': only electron/engine/ffmpeg/runner.ts may import fluent-ffmpeg",
      "core/model/bad.ts:8: imports 'fluent-ffmpeg': core/ may import only core/ and zod",
    ]);
    expect(layerViolations('electron/engine/ffmpeg/probe.ts', bad)).toEqual([
      "electron/engine/ffmpeg/probe.ts:3: imports 'electron': electron/engine/ must not import electron",
      "electron/engine/ffmpeg/probe.ts:8: imports 'fluent-ffmpeg': only electron/engine/ffmpeg/runner.ts may import fluent-ffmpeg",
    ]);
    expect(layerViolations('electron/engine/ffmpeg/runner.ts', "import ffmpeg from 'fluent-ffmpeg';")).toEqual([]);
    expect(layerViolations('electron/engine/x.ts', "import { h } from '../main/ipc.js';")).toHaveLength(1);
    expect(layerViolations('renderer/src/App.tsx', bad)).toEqual([
      "renderer/src/App.tsx:1: imports 'node:fs': renderer/ runs in the browser and must not import Node modules",
      "renderer/src/App.tsx:2: imports 'path': renderer/ runs in the browser and must not import Node modules",
      "renderer/src/App.tsx:3: imports 'electron': renderer/ must not import electron; use the typed API",
      "renderer/src/App.tsx:7: imports '../../electron/engine/ffmpeg/runner.js': renderer/ must not import from electron/; use the typed API",
      "renderer/src/App.tsx:8: imports 'fluent-ffmpeg': only electron/engine/ffmpeg/runner.ts may import fluent-ffmpeg",
    ]);
    expect(layerViolations('renderer/src/store.ts', "import { getPreset } from '../../core/presets.js';")).toEqual([]);
    expect(layerViolations('core/a.ts', "import { z } from 'zod';\nimport { even } from './geometry.js';")).toEqual([]);
  });
});

describe('the layering of the repository', () => {
  it('finds the source folders it checks', () => {
    expect(sourceFiles('core')).toContain('core/model/project.ts');
    expect(sourceFiles('core').length).toBeGreaterThan(5);
    const migrate = readFileSync(join(ROOT, 'core/model/migrate.ts'), 'utf8');
    expect(findImports(migrate).map((ref) => ref.specifier)).toContain('zod');
  });

  it('holds in core/, electron/ and renderer/', () => {
    const files = [...sourceFiles('core'), ...sourceFiles('electron'), ...sourceFiles('renderer')];
    const problems = files.flatMap((file) => layerViolations(file, readFileSync(join(ROOT, file), 'utf8')));
    expect(problems).toEqual([]);
  });
});
