import { lookup as systemLookup } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import type * as Oidc from 'openid-client';
import { Agent, buildConnector, fetch, type Dispatcher, type RequestInit } from 'undici';

/** A provider's address that the planner, in production, does not ask: this machine's or a private network's. */
export class NotOnTheInternet extends Error {
  constructor(host: string) {
    super(`${host} is not an address on the internet`);
  }
}

function onTheInternet(address: string): boolean {
  try {
    return ipaddr.process(address).range() === 'unicast';
  } catch {
    return false;
  }
}

/** Resolves as `lookup` does, and refuses a name unless every address it resolves to is on the internet. */
function internetOnly(lookup: LookupFunction): LookupFunction {
  return (hostname, options, callback) =>
    lookup(hostname, { ...options, all: true }, (err, found) => {
      const addresses = typeof found === 'string' ? [] : found;
      if (err) callback(err, '');
      else if (addresses.length === 0 || !addresses.every((a) => onTheInternet(a.address))) {
        callback(new NotOnTheInternet(hostname), '');
      } else if (options.all) callback(null, addresses);
      else callback(null, addresses[0]!.address, addresses[0]!.family);
    });
}

/** Refuses, before anything is asked, an address (or a name now resolving to one) that is not on the internet. */
export async function assertOnTheInternet(url: URL, lookup: LookupFunction = systemLookup): Promise<void> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) {
    if (!onTheInternet(host)) throw new NotOnTheInternet(url.hostname);
    return;
  }
  await new Promise<void>((resolve, reject) =>
    internetOnly(lookup)(host, { all: true }, (err) => (err ? reject(err) : resolve())),
  );
}

/**
 * Connects only to addresses on the internet, checked as each connection is made (a redirect's too): the
 * addresses checked are those connected to, so a name that resolves otherwise than when it was checked
 * before (DNS rebinding) is refused all the same.
 */
export function internetOnlyAgent(lookup: LookupFunction = systemLookup): Agent {
  const connect = buildConnector({ lookup: internetOnly(lookup) });
  return new Agent({
    connect: (options, callback) => {
      // Node connects to an address as it is, without a lookup.
      if (isIP(options.hostname) && !onTheInternet(options.hostname)) {
        callback(new NotOnTheInternet(options.hostname), null);
      } else connect(options, callback);
    },
  });
}

/** Whether `err` is, or was caused by, a refusal of an address (fetch and openid-client wrap what they meet). */
export function isNotOnTheInternet(err: unknown): boolean {
  for (let cause = err, depth = 0; cause instanceof Error && depth < 5; cause = cause.cause, depth += 1) {
    if (cause instanceof NotOnTheInternet) return true;
  }
  return false;
}

/** undici's fetch through `dispatcher`, for openid-client. */
export function fetchThrough(dispatcher: Dispatcher): Oidc.CustomFetch {
  // undici's own fetch: its Agent is not the one Node's global fetch is built on. What openid-client hands
  // fetch, and the Response it takes back, differ from undici's only in their declared types.
  return async (url, options) => (await fetch(url, { ...(options as RequestInit), dispatcher })) as unknown as Response;
}
