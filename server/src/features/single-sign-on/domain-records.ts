import { Resolver } from 'node:dns/promises';

/**
 * Reads the TXT records at a name, each as the strings it is made of, from `servers` (DNS_SERVERS) or else
 * the system's. A server that does not answer is given up on after about 6 s (2 s, then 4 s: two tries).
 */
export function txtLookupAt(servers: readonly string[] | undefined): (name: string) => Promise<string[][]> {
  const resolver = new Resolver({ timeout: 2000, tries: 2 });
  if (servers) resolver.setServers(servers);
  return (name) => resolver.resolveTxt(name);
}
