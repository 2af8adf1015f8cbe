import { useEffect, useId, useRef, type ReactNode } from 'react';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  /** What will be lost, in plain words. */
  children: ReactNode;
  confirmLabel: string;
  /** The button that keeps things as they are, which has focus on opening, as Escape does. */
  cancelLabel?: string;
  /** While the confirmed step runs: nothing can be pressed, nor Escape. */
  busy?: boolean;
  busyLabel?: string;
  /** The step cannot be taken yet (what it needs is loading): the confirm button waits; Cancel and Escape work. */
  holdConfirm?: boolean;
  holdLabel?: string;
  error?: string | null;
  /** `danger` for a removal, or what cannot be undone (the default); `primary` for a step that can be taken back. */
  tone?: 'danger' | 'primary';
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * A modal question before something that takes away, or cannot be undone; showModal puts focus on Cancel (or
 * `cancelLabel`), the first button, and closing it returns focus to the button that opened it.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  cancelLabel = 'Cancel',
  busy = false,
  busyLabel,
  holdConfirm = false,
  holdLabel,
  error,
  tone = 'danger',
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(event) => {
        // Escape: the parent decides, so its state and the dialog never disagree.
        event.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <h2 id={titleId} className="dialog__title">
        {title}
      </h2>
      <div id={bodyId} className="dialog__body">
        {children}
      </div>
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="dialog__actions">
        <button type="button" className="button button--secondary" disabled={busy} onClick={onCancel}>
          {cancelLabel}
        </button>
        {/* Busy rather than disabled: a disabled button loses focus, which would drop out of the dialog to the page. */}
        <button
          type="button"
          className={`button button--${tone}`}
          aria-disabled={busy || holdConfirm || undefined}
          onClick={() => {
            if (!busy && !holdConfirm) onConfirm();
          }}
        >
          {busy && busyLabel ? busyLabel : holdConfirm && holdLabel ? holdLabel : confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
