/**
 * The template packs the engine offers (built-in and installed), with what the
 * preview's layout needs, and the pack the open project uses.
 */
import type { PackSummary } from '../../../core/api/contract.js';
import type { Project } from '../../../core/model/project.js';
import { call } from '../api/client.js';
import { guarded } from '../features/errors/errorStore.js';
import { createStore } from '../store.js';

export const packStore = createStore({ packs: [] as PackSummary[], loaded: false });

export async function loadPacks(): Promise<void> {
  const listed = await guarded(() => call('packs.list', {}));
  if (listed) packStore.set({ packs: listed.packs, loaded: true });
}

/** The project's pack (the first pack when its own is not installed here). */
export function packOf(packs: readonly PackSummary[], project: Project | undefined): PackSummary | undefined {
  if (!project) return undefined;
  return packs.find((pack) => pack.id === project.pack) ?? packs[0];
}
