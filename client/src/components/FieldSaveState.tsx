import type { SaveStatus } from '../lib/autosave/registry';

interface FieldSaveStateProps {
  status: SaveStatus;
  error: string | null;
  id?: string;
}

function message(status: SaveStatus, error: string | null): string {
  switch (status) {
    case 'pending':
    case 'saving':
      return 'Saving…';
    case 'saved':
      return 'Saved';
    case 'offline':
      return 'Offline — kept on this device';
    case 'conflict':
      return 'Conflict — someone else changed this';
    case 'error':
      return `Not saved: ${error ?? 'try again in a moment.'}`;
    case 'idle':
      return '';
  }
}

/** The save state of one field or card, announced politely next to it. */
export function FieldSaveState({ status, error, id }: FieldSaveStateProps) {
  return (
    <p id={id} className={`field-save-state field-save-state--${status}`} aria-live="polite">
      {message(status, error)}
    </p>
  );
}
