import type { AutosaveEnvironment, KeyValueStore } from '../../src/lib/autosave/environment';

/** The device's storage, kept across "reloads" (new registries on the same store), as localStorage is. */
export function memoryStore(): KeyValueStore {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
    keys: () => [...items.keys()],
  };
}

export interface TestEnvironment extends AutosaveEnvironment {
  /** Goes offline or back online, telling the listeners as the browser does. */
  setOnline(online: boolean): void;
}

/** A page whose connection the test turns off and on. */
export function testEnvironment(store: KeyValueStore = memoryStore(), online = true): TestEnvironment {
  let isOnline = online;
  const handlers = new Set<{ online: () => void; offline: () => void; leaving: () => void }>();
  return {
    store,
    isOnline: () => isOnline,
    listen: (handler) => {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    setOnline: (next) => {
      isOnline = next;
      handlers.forEach((handler) => (next ? handler.online() : handler.offline()));
    },
  };
}
