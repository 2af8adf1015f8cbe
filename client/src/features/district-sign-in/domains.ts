/** Email domains as an administrator types them: separated by commas, spaces or lines; "@" and case ignored. */
export function parseDomains(text: string): string[] {
  const domains = text
    .split(/[\s,;]+/)
    .map((part) => part.trim().replace(/^@/, '').toLowerCase())
    .filter((part) => part !== '');
  return [...new Set(domains)];
}

export function domainsText(domains: readonly string[]): string {
  return domains.join(', ');
}
