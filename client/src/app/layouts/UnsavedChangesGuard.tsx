import { useEffect } from 'react';
import { useBlocker } from 'react-router';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { unsavedFormNames, useUnsavedFormNames } from '../../lib/use-unsaved-changes';

const listed = new Intl.ListFormat('en-US', { type: 'conjunction' });

/**
 * Asks before the person leaves a page whose form holds changes not saved: the browser's own question when
 * the tab is closed or reloaded, this dialog when they go elsewhere in the app. A navigation that replaces
 * the page (after a sign-out, a session's end, a deletion, or a redirect) is the app moving them on, and is
 * not asked about; nor is a change of a page's filters or anchor, which keeps the form.
 */
export function UnsavedChangesGuard() {
  const names = useUnsavedFormNames();
  const anyUnsaved = names.length > 0;

  useEffect(() => {
    if (!anyUnsaved) return;
    const ask = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [anyUnsaved]);

  const blocker = useBlocker(
    ({ currentLocation, nextLocation, historyAction }) =>
      unsavedFormNames().length > 0 &&
      historyAction !== 'REPLACE' &&
      currentLocation.pathname !== nextLocation.pathname,
  );
  const blocked = blocker.state === 'blocked';

  return (
    <ConfirmDialog
      open={blocked}
      title="Leave without saving?"
      cancelLabel="Stay"
      confirmLabel="Leave"
      onCancel={() => blocker.reset?.()}
      onConfirm={() => blocker.proceed?.()}
    >
      <p>Your changes to {listed.format(names)} are not saved.</p>
    </ConfirmDialog>
  );
}
