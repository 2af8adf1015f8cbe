import { useCallback, useState } from 'react';

const prefix = 'planner.folded:';

function read(key: string): string[] {
  try {
    const value: unknown = JSON.parse(window.localStorage.getItem(prefix + key) ?? '[]');
    return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

/** The sections a person folded away, remembered on this device under `key` (one per plan). */
export function useFoldedSections(key: string): {
  isFolded: (id: string) => boolean;
  setFolded: (id: string, folded: boolean) => void;
} {
  const [folded, setFoldedIds] = useState<string[]>(() => read(key));
  const setFolded = useCallback(
    (id: string, fold: boolean) => {
      const next = fold ? [...new Set([...read(key), id])] : read(key).filter((other) => other !== id);
      try {
        window.localStorage.setItem(prefix + key, JSON.stringify(next));
      } catch {
        // Not remembered, but folded for as long as the page is open.
      }
      setFoldedIds(next);
    },
    [key],
  );
  return { isFolded: (id) => folded.includes(id), setFolded };
}
