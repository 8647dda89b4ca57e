/**
 * Per-feature state lives in small zustand stores, read in components through
 * `useStore` with a selector. Each feature owns its store and the actions that
 * change it; components never hold cross-feature state. (`createStore` wraps
 * zustand's vanilla store so actions outside React read and write it too.)
 */
import { useStore as useZustandStore } from 'zustand';
import { createStore as createZustandStore, type StoreApi } from 'zustand/vanilla';

export interface Store<T> {
  get(): T;
  set(update: Partial<T> | ((state: T) => Partial<T>)): void;
  subscribe(listener: () => void): () => void;
  readonly api: StoreApi<T>;
}

export function createStore<T extends object>(initial: T): Store<T> {
  const api = createZustandStore<T>()(() => initial);
  return {
    get: api.getState,
    set: (update) => api.setState(update),
    subscribe: (listener) => api.subscribe(listener),
    api,
  };
}

/** Subscribe a component to a slice of a store; the selector must return a stable value (or use useShallow). */
export function useStore<T extends object, S>(store: Store<T>, select: (state: T) => S): S {
  return useZustandStore(store.api, select);
}
