import { createContext, useContext } from 'react';
import type { AutosaveRegistry } from './registry';

/** The signed-in person's autosave registry, provided by the app shell. */
export const AutosaveRegistryContext = createContext<AutosaveRegistry | null>(null);

export function useAutosaveRegistry(): AutosaveRegistry {
  const registry = useContext(AutosaveRegistryContext);
  if (!registry) throw new Error('Autosave is used outside the signed-in app shell.');
  return registry;
}
