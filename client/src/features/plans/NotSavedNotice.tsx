import { useEffect, useMemo, useRef } from 'react';
import { Link } from 'react-router';
import { useAnnounce } from '../../components/Announcer';
import { useCurrentUser } from '../../lib/current-user';
import { useRefusedChanges, useRefusedChangesOfDeletedPlans, type UnsavedChange } from '../../lib/plan-editing';
import { KeptChange } from './KeptChange';

const withStop = (text: string) => (/[.!?…]$/.test(text) ? text : `${text}.`);

/** "Not saved: what you typed in the action “Plan the PLC schedule” could not be saved: it was removed from the plan." */
function notSavedSentence({ item, reason, code, texts }: UnsavedChange): string {
  const what = texts.length > 0 ? `what you typed in ${item}` : `your change to ${item}`;
  return `Not saved: ${what} could not be saved: ${withStop(code === 'not_found' ? 'it was removed from the plan' : reason)}`;
}

/** Says each sentence that is new since the notice was shown (not those there as it opened: they are on the page). */
function useAnnounceNew(sentences: readonly (readonly [key: string, sentence: string])[]) {
  const announce = useAnnounce();
  // What was said of each item: a refusal repeated (each keystroke in a removed action's notes) is not said again.
  const said = useRef<Map<string, string> | null>(null);
  useEffect(() => {
    const before = said.current;
    said.current = new Map(sentences);
    if (before === null) return;
    const news = [...said.current].filter(([key, sentence]) => before.get(key) !== sentence).map(([, s]) => s);
    if (news.length > 0) announce(news.join(' '));
  }, [sentences, announce]);
}

/**
 * Changes to the plan's items that the server refused for good (the item removed meanwhile, a field it will
 * not take), typed on screen or kept on this device from a tab since closed: each says which item and why,
 * with what was typed to copy and, for a removed item, where it can be brought back. One arriving while the
 * page is open is read out, as it may come while the person works elsewhere on the page. Changes refused as
 * the plan was archived are the archived notice's.
 */
export function NotSavedNotice({ planId, historyHref }: { planId: string; historyHref: string }) {
  const { user } = useCurrentUser();
  const refused = useRefusedChanges(user.id, planId);
  const changes = useMemo(() => refused.filter((c) => c.code !== 'plan_archived'), [refused]);
  useAnnounceNew(useMemo(() => changes.map((change) => [change.key, notSavedSentence(change)] as const), [changes]));

  if (changes.length === 0) return null;
  return (
    <section className="alert alert--error" aria-label="Changes not saved">
      {changes.map((change) => (
        <KeptChange key={change.key} change={change} sentence={<strong>{notSavedSentence(change)}</strong>}>
          {change.code === 'not_found' ? (
            <p>
              It can be brought back from the plan’s <Link to={historyHref}>History</Link> (“Bring back” on the line of
              its removal),{' '}
              {change.texts.length > 0 ? 'and what you typed pasted into it.' : 'and your change made again.'}
            </p>
          ) : null}
        </KeptChange>
      ))}
    </section>
  );
}

/**
 * Changes kept on this device for a plan deleted since (sent as the session started, and refused): no page of the
 * plan is left to show them, so the plans page does, each with what was typed to copy. `planIds`: all the
 * district's plans, as listed.
 */
export function DeletedPlanChangesNotice({ planIds }: { planIds: ReadonlySet<string> }) {
  const { user } = useCurrentUser();
  const changes = useRefusedChangesOfDeletedPlans(user.id, planIds);
  const sentences = useMemo(
    () =>
      changes.map(
        (change) =>
          [change.key, notSavedSentence({ ...change, code: 'plan_deleted', reason: 'its plan was deleted' })] as const,
      ),
    [changes],
  );
  useAnnounceNew(sentences);
  if (changes.length === 0) return null;
  return (
    <section className="alert alert--error" aria-label="Changes not saved">
      {changes.map((change, index) => (
        <KeptChange key={change.key} change={change} sentence={<strong>{sentences[index]![1]}</strong>} />
      ))}
    </section>
  );
}
