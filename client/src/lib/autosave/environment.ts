/** A place to keep unsent edits: the browser's localStorage, or a map in tests. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  keys(): string[];
}

/** What autosave needs of the page it runs in; tests give it one they control. */
export interface AutosaveEnvironment {
  store: KeyValueStore;
  isOnline(): boolean;
  /**
   * Calls back when the connection returns or goes, when the page is hidden or left, and when another tab changes
   * the store; returns the unsubscribe.
   */
  listen(handlers: {
    online: () => void;
    offline: () => void;
    leaving: () => void;
    storedElsewhere?: () => void;
  }): () => void;
  /** The app's page shown now (its path and query), kept with an edit as where its item is. */
  page?(): string;
}

function localStore(): KeyValueStore {
  // Storage can be full or disabled (private mode): an edit then lives in the page only until sent.
  return {
    getItem: (key) => {
      try {
        return window.localStorage.getItem(key);
      } catch {
        return null;
      }
    },
    setItem: (key, value) => {
      try {
        window.localStorage.setItem(key, value);
      } catch {
        // Kept in the page only.
      }
    },
    removeItem: (key) => {
      try {
        window.localStorage.removeItem(key);
      } catch {
        // Nothing to remove.
      }
    },
    keys: () => {
      try {
        return Array.from({ length: window.localStorage.length }, (_, i) => window.localStorage.key(i) ?? '');
      } catch {
        return [];
      }
    },
  };
}

export function browserEnvironment(): AutosaveEnvironment {
  return {
    store: localStore(),
    isOnline: () => navigator.onLine,
    page: () => `${window.location.pathname}${window.location.search}`,
    listen: ({ online, offline, leaving, storedElsewhere }) => {
      const onVisibility = () => {
        if (document.visibilityState === 'hidden') leaving();
      };
      // Fired in the other tabs of this browser only, for a key set or removed (null: the whole store cleared).
      const onStorage = (event: StorageEvent) => {
        if (event.storageArea === window.localStorage) storedElsewhere?.();
      };
      window.addEventListener('storage', onStorage);
      window.addEventListener('online', online);
      window.addEventListener('offline', offline);
      document.addEventListener('visibilitychange', onVisibility);
      window.addEventListener('pagehide', leaving);
      return () => {
        window.removeEventListener('storage', onStorage);
        window.removeEventListener('online', online);
        window.removeEventListener('offline', offline);
        document.removeEventListener('visibilitychange', onVisibility);
        window.removeEventListener('pagehide', leaving);
      };
    },
  };
}
