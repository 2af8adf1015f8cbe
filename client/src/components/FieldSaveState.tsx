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
      return 'Conflict — this was changed elsewhere meanwhile';
    case 'error':
      return `Not saved: ${error ?? 'try again in a moment.'}`;
    case 'idle':
      return '';
  }
}

/**
 * The save state of one field or card, shown next to it; announced politely when it says something of this
 * field alone (offline, a conflict, an error). Saving and saved are the page's save bar's to announce: said
 * here too, each save was heard twice.
 */
export function FieldSaveState({ status, error, id }: FieldSaveStateProps) {
  const text = message(status, error);
  const saidByTheBar = status === 'pending' || status === 'saving' || status === 'saved';
  return (
    <p id={id} className={`field-save-state field-save-state--${status}`} aria-live="polite">
      {saidByTheBar ? <span aria-hidden="true">{text}</span> : text}
    </p>
  );
}
