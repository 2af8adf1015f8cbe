import { useCallback, useEffect, useState } from 'react';

/**
 * Runs a task, such as moving focus, once React has committed the changes made with it. A confirming
 * dialog closes in its own effect, and focus anywhere else is refused while it is open: the owner of this
 * hook (the page, above the dialog) runs its effects after the dialog's.
 */
export function useAfterCommit(): (task: () => void) => void {
  const [pending, setPending] = useState<{ task: () => void } | null>(null);
  useEffect(() => {
    pending?.task();
  }, [pending]);
  return useCallback((task) => setPending({ task }), []);
}
