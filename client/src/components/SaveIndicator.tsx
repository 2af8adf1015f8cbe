import { useSyncExternalStore } from 'react';
import type { OverallSaveState } from '../lib/autosave/registry';
import { useAutosaveRegistry } from '../lib/autosave/registry-context';
import { useDistrictTime } from '../lib/district-time';

function message(
  { status, savedAt, withChangesMadeElsewhere }: OverallSaveState,
  timeOf: (moment: Date) => string,
): string {
  switch (status) {
    case 'pending':
    case 'saving':
      return 'Saving…';
    case 'offline':
      return 'Offline — your changes are kept on this device and will be sent when the connection returns';
    case 'conflict':
      return 'Conflict — this was changed elsewhere meanwhile. Choose which version to keep where it is shown.';
    case 'error':
      return 'Not saved: some changes could not be saved. See the message next to them.';
    case 'saved':
      // Said, as fields the person did not touch changed under them: with changes made elsewhere to other fields.
      return `${savedAt ? `Saved at ${timeOf(savedAt)}` : 'Saved'}${withChangesMadeElsewhere ? ', with changes made elsewhere meanwhile' : ''}`;
    case 'idle':
      return '';
  }
}

/** The page's one save state, for everything that autosaves on it. */
export function SaveIndicator() {
  const registry = useAutosaveRegistry();
  const overall = useSyncExternalStore(registry.subscribe, registry.getOverall);
  // In the district's time zone, as History and the rest of the page write times.
  const timeOf = useDistrictTime();
  return (
    <p className={`save-indicator save-indicator--${overall.status}`} role="status">
      {message(overall, timeOf)}
    </p>
  );
}
