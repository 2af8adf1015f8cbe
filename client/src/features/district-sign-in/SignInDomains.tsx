import { useEffect, useId, useRef, useState } from 'react';
import type { SignInDomainClaim } from '@planner/shared/auth';
import { useAnnounce } from '../../components/Announcer';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useDistrictDateTime } from '../../lib/district-time';
import { useRemoveSignInDomain, useVerifySignInDomain } from './sign-in-settings';
import styles from './district-sign-in.module.css';

const stateLabels: Record<SignInDomainClaim['state'], string> = {
  verified: 'Verified',
  waiting: 'Waiting for verification',
  held_by_another_district: 'Held by another district',
};

/** The TXT record to add at the domain, each part to copy. */
/** Why the record is asked for: to verify the domain, to put back a missing one, or one never added (kept verified). */
type RecordAsked = 'verify' | 'missing' | 'never_added';

function RecordToAdd({ claim, asked = 'verify' }: { claim: SignInDomainClaim; asked?: RecordAsked }) {
  const valueId = useId();
  const valueRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(claim.record.value);
      setCopied('Value copied.');
    } catch {
      // No clipboard here (an insecure page, or permission refused): the value is selected to copy by hand.
      valueRef.current?.select();
      setCopied('Select the value and copy it (Ctrl+C or ⌘C).');
    }
  };
  return (
    <>
      {asked === 'missing' ? (
        <p>
          To keep it, put this TXT record back in the DNS of {claim.domain}, where the domain is managed (its registrar
          or DNS host), then press Look for the record again.
        </p>
      ) : asked === 'never_added' ? (
        <p>
          Add this TXT record to the DNS of {claim.domain}, where the domain is managed (its registrar or DNS host),
          then press Look for the record. A new record can take a few minutes to be seen.
        </p>
      ) : (
        <p>
          To verify it, add this TXT record to the DNS of {claim.domain}, where the domain is managed (its registrar or
          DNS host), then press Verify. A new record can take a few minutes to be seen.
        </p>
      )}
      <dl className={styles['record']}>
        <dt>Type</dt>
        <dd>
          <code>TXT</code>
        </dd>
        <dt>Name</dt>
        <dd>
          <code>{claim.record.name}</code> (the domain itself; some DNS hosts write it as <code>@</code>)
        </dd>
        <dt>
          <label htmlFor={valueId}>Value</label>
        </dt>
        <dd className={styles['record__value']}>
          <input
            ref={valueRef}
            id={valueId}
            className={`field__input ${styles['record__input']}`}
            value={claim.record.value}
            readOnly
            onFocus={(event) => event.target.select()}
          />
          <button type="button" className="button button--secondary" onClick={() => void copy()}>
            Copy value<span className="visually-hidden"> of the record for {claim.domain}</span>
          </button>
        </dd>
      </dl>
      <p className={styles['record__copied']} role="status">
        {copied}
      </p>
    </>
  );
}

/**
 * While sign-in is off, a domain kept for a provider set up again: removed here, it is released, so it is asked
 * first. The list says it is gone and moves focus (the item unmounts with this button).
 */
function RemoveDomain({
  claim,
  onRemoving,
}: {
  claim: SignInDomainClaim;
  onRemoving: (domain: string | null) => void;
}) {
  const remove = useRemoveSignInDomain();
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <button
        type="button"
        className="button button--secondary"
        onClick={() => {
          remove.reset();
          setConfirming(true);
        }}
      >
        Remove<span className="visually-hidden"> {claim.domain}</span>
      </button>
      <ConfirmDialog
        open={confirming}
        title={`Remove ${claim.domain}?`}
        confirmLabel="Remove domain"
        busy={remove.isPending}
        busyLabel="Removing…"
        error={remove.error ? `Not removed. ${remove.error.detail}` : null}
        onCancel={() => {
          setConfirming(false);
          onRemoving(null);
        }}
        onConfirm={() => {
          onRemoving(claim.domain);
          remove.mutate(claim.domain, { onSuccess: () => setConfirming(false) });
        }}
      >
        {claim.state === 'verified' ? (
          <p>
            {claim.domain} is verified. Removed, it is released: to have it back, you would add it again and its TXT
            record would have to be checked again before its people sign in through your provider.
          </p>
        ) : (
          <p>{claim.domain} will no longer be one of your district’s email domains.</p>
        )}
      </ConfirmDialog>
    </>
  );
}

/** One domain the district listed: whether it is verified, and if not, how to verify it. */
function DomainClaim({
  claim,
  enabled,
  onRemoving,
}: {
  claim: SignInDomainClaim;
  enabled: boolean;
  onRemoving: (domain: string | null) => void;
}) {
  const verify = useVerifySignInDomain();
  const dateTime = useDistrictDateTime();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const pressed = useRef(false);
  const [result, setResult] = useState<{ verified: boolean; text: string } | null>(null);
  const missing =
    claim.state === 'verified' && claim.recordFound && claim.recordMissingSince !== null && claim.releaseAt !== null;
  // Kept verified on the upgrade that brought records, without one: asked for, and released if never added.
  const neverAdded = claim.state === 'verified' && !claim.recordFound;
  const looksForRecord = claim.state === 'waiting' || missing || neverAdded;
  // Verified, its record found again, or found held by another district, the domain has no Verify (or Look for
  // the record again) button any longer: focus goes to the domain it was of rather than to the page's start,
  // and its result, below, is read out after the heading.
  useEffect(() => {
    if (pressed.current && !looksForRecord) {
      pressed.current = false;
      headingRef.current?.focus();
    }
  }, [looksForRecord]);
  const onVerify = () => {
    if (verify.isPending) return;
    pressed.current = true;
    setResult(null);
    const wasVerified = missing || neverAdded;
    verify.mutate(claim.domain, {
      onSuccess: () =>
        setResult({
          verified: true,
          text: wasVerified
            ? `The record of ${claim.domain} was found: the domain stays verified.`
            : `${claim.domain} is verified: its people sign in through your provider now.`,
        }),
      onError: (error) =>
        setResult({
          verified: false,
          text: `${missing ? 'Still not found.' : neverAdded ? 'Not found.' : 'Not verified.'} ${error.detail}`,
        }),
    });
  };
  /** The button that looks for the domain's record (Verify, or Look for the record): its name ends with the domain. */
  const lookButton = (label: string, forDomain: string) => (
    <button
      type="button"
      className="button button--primary"
      aria-disabled={verify.isPending || undefined}
      onClick={onVerify}
    >
      {verify.isPending ? 'Looking for the record…' : label}
      <span className="visually-hidden"> {forDomain}</span>
    </button>
  );
  return (
    <li className={styles['domain']}>
      <div className={styles['domain__title']}>
        <h3 ref={headingRef} tabIndex={-1}>
          {claim.domain}
        </h3>
        <span className={`status-badge ${styles[`state--${claim.state}`]}`}>{stateLabels[claim.state]}</span>
      </div>
      {missing && claim.recordMissingSince !== null && claim.releaseAt !== null ? (
        <>
          <p className={styles['domain__failed']}>
            Its TXT record has not been found since {dateTime(claim.recordMissingSince)}. Unless it is found again, the
            domain will be released on {dateTime(claim.releaseAt)}: until it is verified again, its people will then
            sign in with a password, and those who joined through the provider, who have none, must first set one
            through “Forgot your password?”.
          </p>
          <RecordToAdd claim={claim} asked="missing" />
          {lookButton('Look for the record again', `of ${claim.domain}`)}
        </>
      ) : neverAdded ? (
        <>
          <p>
            {enabled
              ? 'Its people sign in through your provider. '
              : 'It stays your district’s: its people sign in through your provider again as soon as one is set up. '}
            It was verified before the planner asked for a DNS record, and has none: the planner looks for each verified
            domain’s record every day, to be sure the domain is still your district’s.
            {claim.releaseAt !== null
              ? ` Unless its record is added, the domain will be released on ${dateTime(claim.releaseAt)}: its people ` +
                'will then sign in with a password, and those who joined through the provider, who have none, must ' +
                'first set one through “Forgot your password?”.'
              : null}
          </p>
          <RecordToAdd claim={claim} asked="never_added" />
          {lookButton('Look for the record', `of ${claim.domain}`)}
        </>
      ) : claim.state === 'verified' ? (
        <p>
          {enabled
            ? 'Its people sign in through your provider.'
            : 'It stays your district’s: its people sign in through your provider again as soon as one is set up.'}
        </p>
      ) : claim.state === 'held_by_another_district' ? (
        <p>
          Another district verified {claim.domain} first: its people sign in through that district’s provider, not
          yours. Remove it from your email domains{enabled ? ' below' : ''}.
        </p>
      ) : (
        <>
          <p>Until it is verified, its people sign in with a password.</p>
          <RecordToAdd claim={claim} />
          {lookButton('Verify', claim.domain)}
        </>
      )}
      <p className={result?.verified === false ? styles['domain__failed'] : styles['domain__verified']} role="status">
        {result?.text}
      </p>
      {enabled ? null : <RemoveDomain claim={claim} onRemoving={onRemoving} />}
    </li>
  );
}

/** The email domains the district listed, each verified by a TXT record of its own before it signs anyone in. */
export function SignInDomains({ domains, enabled }: { domains: SignInDomainClaim[]; enabled: boolean }) {
  const announce = useAnnounce();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  /** The domain being removed and where it was: once the list comes back without it, focus goes to its place. */
  const removing = useRef<{ domain: string; index: number } | null>(null);
  useEffect(() => {
    const gone = removing.current;
    if (!gone || domains.some((claim) => claim.domain === gone.domain)) return;
    removing.current = null;
    // The next domain, the one before when it was the last, or the card when none is left.
    const place = Math.min(gone.index, domains.length - 1);
    const next = place >= 0 ? listRef.current?.querySelectorAll<HTMLElement>('h3')[place] : undefined;
    (next ?? headingRef.current)?.focus();
    announce(`${gone.domain} was removed.`);
  }, [domains, announce]);
  const onRemoving = (domain: string | null) => {
    removing.current =
      domain === null ? null : { domain, index: domains.findIndex((claim) => claim.domain === domain) };
  };
  return (
    <section className="card" aria-labelledby="sign-in-domains-heading">
      <h2 id="sign-in-domains-heading" ref={headingRef} tabIndex={-1}>
        Email domains
      </h2>
      <p className="card__lede">
        {domains.length === 0
          ? 'Your district has no email domains now: name those that should sign in through a provider when you set one up below.'
          : enabled
            ? 'A domain sends its people to your provider only once it is verified: that shows the domain is your district’s.'
            : 'Sign-in through a provider is off, so these domains sign no one in through it. They stay your district’s, verified or waiting, for when you set up a provider again; remove those you no longer want.'}
      </p>
      {domains.length > 0 ? (
        <ul ref={listRef} className={styles['domains']}>
          {domains.map((claim) => (
            <DomainClaim key={claim.domain} claim={claim} enabled={enabled} onRemoving={onRemoving} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
