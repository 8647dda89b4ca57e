/** Errors the admin should see, as friendly banners (never a stack trace). */
import type { ApiError } from '@core/api/contract.js';
import { isKlipError } from '@core/errors.js';
import { toApiError } from '../../api/client.js';
import { languageStore } from '../../i18n.js';
import { createStore } from '../../store.js';

export interface ShownError {
  id: number;
  error: ApiError;
}

export const errorStore = createStore({ errors: [] as ShownError[] });
let nextId = 1;

export function reportError(error: unknown): void {
  // a refused edit of core/model speaks the admin's language too
  const shown = { id: nextId++, error: isKlipError(error) ? error.toData(languageStore.get().language) : toApiError(error) };
  // the same message twice in a row is shown once
  errorStore.set((state) => ({
    errors: [...state.errors.filter((item) => item.error.message !== shown.error.message), shown].slice(-4),
  }));
}

export function dismissError(id: number): void {
  errorStore.set((state) => ({ errors: state.errors.filter((item) => item.id !== id) }));
}

/** Close the errors an action no longer has (its retry started): their advice was followed. */
export function dismissErrorsWhere(match: (error: ApiError) => boolean): void {
  errorStore.set((state) => ({ errors: state.errors.filter((item) => !match(item.error)) }));
}

/** Run an action, showing its failure as a banner instead of throwing. */
export async function guarded<T>(action: () => Promise<T>): Promise<T | undefined> {
  try {
    return await action();
  } catch (error) {
    reportError(error);
    return undefined;
  }
}
