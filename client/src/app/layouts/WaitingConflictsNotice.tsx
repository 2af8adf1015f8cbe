import { useEffect, useRef, useSyncExternalStore } from 'react';
import { Link } from 'react-router';
import { useAnnounce } from '../../components/Announcer';
import type { WaitingConflict } from '../../lib/autosave/registry';
import { useAutosaveRegistry } from '../../lib/autosave/registry-context';

/** "Your change to the action “Plan the PLC schedule” was not saved: it was changed elsewhere while …" */
const waitingSentence = ({ item }: WaitingConflict) =>
  `Your change to ${item} was not saved: it was changed elsewhere while your change waited on this device. Nothing has been overwritten.`;

/**
 * On every page of the signed-in app: changes kept on this device (typed offline, or in a tab since closed) that
 * met someone else's change when they were sent, their item not on screen. Each names its item and links to the
 * page where the person chooses what to keep; it stays, and so does what they typed, until they have chosen. One
 * arriving while a page is open is read out, as it comes while the person works on something else.
 */
export function WaitingConflictsNotice() {
  const registry = useAutosaveRegistry();
  const waiting = useSyncExternalStore(registry.subscribeWaiting, registry.getWaiting);
  const announce = useAnnounce();
  const said = useRef(new Set<string>());
  useEffect(() => {
    const news = waiting.filter((conflict) => !said.current.has(conflict.key));
    said.current = new Set(waiting.map((conflict) => conflict.key));
    if (news.length > 0) announce(news.map(waitingSentence).join(' '));
  }, [waiting, announce]);

  if (waiting.length === 0) return null;
  return (
    <section className="alert alert--error" aria-label="Changes waiting for you">
      {waiting.map((conflict) => (
        <p key={conflict.key}>
          <strong>{waitingSentence(conflict)}</strong>{' '}
          <Link to={conflict.page}>
            Choose what to keep<span className="visually-hidden"> in {conflict.item}</span>
          </Link>
        </p>
      ))}
    </section>
  );
}
