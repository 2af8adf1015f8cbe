import { useEffect, useId, useRef } from 'react';
import type { ConflictField } from '../lib/autosave/conflict-fields';
import { useDistrictDateTime } from '../lib/district-time';

interface ConflictPanelProps {
  /** What changed, such as "this answer" or "this action". */
  subject: string;
  fields: ConflictField[];
  changedBy: string | null;
  changedAt: string | null;
  onKeepMine: () => void;
  onUseTheirs: () => void;
  /** Offered where there is text to combine. */
  onMerge?: () => void;
}

function VersionText({ text }: { text: string }) {
  return text.trim() === '' ? (
    <em className="conflict__empty">(empty)</em>
  ) : (
    <span className="conflict__text">{text}</span>
  );
}

/** Shown instead of overwriting when someone else saved the same item first. */
export function ConflictPanel({
  subject,
  fields,
  changedBy,
  changedAt,
  onKeepMine,
  onUseTheirs,
  onMerge,
}: ConflictPanelProps) {
  const dateTime = useDistrictDateTime();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);

  // The person must decide before anything is saved, so they are taken straight to the choice.
  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const who = changedBy ?? 'Someone else';
  const when = changedAt ? ` on ${dateTime(changedAt)}` : '';
  const theirLabel = `Their version (${who}${when})`;

  return (
    <div className="conflict" role="group" aria-labelledby={headingId}>
      <h3 className="conflict__heading" id={headingId} ref={headingRef} tabIndex={-1}>
        Conflict: {who} changed {subject}
      </h3>
      <p>
        {who} saved a newer version{when} while you were editing. Nothing has been overwritten: choose what to keep.
      </p>
      {fields.map((field) => (
        <div className="conflict__field" key={field.label}>
          {fields.length > 1 ? <p className="conflict__field-label">{field.label}</p> : null}
          {field.note ? <p className="conflict__note">{field.note}</p> : null}
          <dl className="conflict__versions">
            <div className="conflict__version">
              <dt>Your version</dt>
              <dd>
                <VersionText text={field.mine} />
              </dd>
            </div>
            <div className="conflict__version">
              <dt>{theirLabel}</dt>
              <dd>
                <VersionText text={field.theirs} />
              </dd>
            </div>
          </dl>
        </div>
      ))}
      <div className="conflict__actions">
        <button type="button" className="button button--primary" onClick={onKeepMine}>
          Keep mine
        </button>
        <button type="button" className="button button--secondary" onClick={onUseTheirs}>
          Use theirs
        </button>
        {onMerge ? (
          <button type="button" className="button button--secondary" onClick={onMerge}>
            Merge
          </button>
        ) : null}
      </div>
    </div>
  );
}
