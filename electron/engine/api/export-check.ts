/**
 * What an export would replace: its output names in the folder, and the first
 * numbered project name ("Kerja Bakti (2)") whose outputs are all free, for
 * "keep both".
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ApiParsedRequest, ApiResponse } from '../../../core/api/contract.js';
import { outputBaseName } from '../export/render.js';

function outputsOf(name: string, presets: string[], outDir: string): string[] {
  const base = outputBaseName(name);
  return presets.map((preset) => path.join(outDir, `${base}-${preset}.mp4`));
}

export function checkExport(request: ApiParsedRequest<'export.check'>): ApiResponse<'export.check'> {
  const outDir = path.resolve(request.outDir);
  const existing = outputsOf(request.projectName, request.presets, outDir).filter((file) => existsSync(file)).map((file) => path.basename(file));
  let keepBothName = request.projectName;
  for (let number = 2; number < 1000; number += 1) {
    keepBothName = `${request.projectName} (${number})`;
    if (!outputsOf(keepBothName, request.presets, outDir).some((file) => existsSync(file))) break;
  }
  return { existing, keepBothName };
}
