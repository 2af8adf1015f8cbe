import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { Autosaver, type AutosaveState, type AutosaverConfig } from './autosaver';
import type { FieldValues } from './pending-edits';
import { useAutosaveRegistry } from './registry-context';

export interface AutosaveHandle<V, R> extends AutosaveState<V, R> {
  /** Text fields save after a pause in typing; choices ('now') save at once. */
  edit: (changes: Partial<V>, when?: 'debounced' | 'now') => void;
  /** A field holds what cannot be saved (the message says why), or no longer does (null). */
  setInvalid: (field: string, message: string | null) => void;
  /** Sends what is waiting now (on blur). */
  flush: () => void;
  keepMine: () => void;
  takeTheirs: (kept?: Partial<V>) => void;
  merge: (changes: Partial<V>) => void;
  /** Takes the item as just fetched, when nothing is waiting: an edit made next is based on it. */
  syncWith: (row: R) => void;
}

/** Autosaves one item while its fields are on screen; see Autosaver. */
export function useAutosave<V extends FieldValues, R>(config: AutosaverConfig<V, R>): AutosaveHandle<V, R> {
  const registry = useAutosaveRegistry();
  const [saver] = useState(() => new Autosaver(registry, config));

  // The callbacks close over the latest props; the saver always calls the current ones.
  useEffect(() => {
    saver.configure(config);
  });

  const state = useSyncExternalStore(saver.subscribe, saver.getState);

  useEffect(() => {
    const unregister = registry.register(saver);
    saver.start();
    return () => {
      // Leaving the page: what was typed in the last pause is sent, not dropped.
      saver.flush();
      unregister();
    };
  }, [registry, saver]);

  const serverVersion = config.server.version;
  useEffect(() => {
    saver.syncWithServer();
  }, [saver, serverVersion]);

  return useMemo(
    () => ({
      ...state,
      edit: saver.edit,
      setInvalid: saver.setInvalid,
      flush: () => saver.flush(),
      keepMine: saver.keepMine,
      takeTheirs: saver.takeTheirs,
      merge: saver.merge,
      syncWith: saver.syncWith,
    }),
    [state, saver],
  );
}
