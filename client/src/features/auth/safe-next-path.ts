import { paths } from '../../app/paths';

/**
 * Where to go after signing in. Only a path on this site is accepted ("/plans?year=2025"),
 * never another origin ("//evil.example", "/\\evil.example", "https://..."), so a crafted
 * sign-in link cannot send the person elsewhere.
 */
export function safeNextPath(next: string | null, fallback: string = paths.plans): string {
  if (next === null || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
    return fallback;
  }
  let url: URL;
  try {
    url = new URL(next, window.location.origin);
  } catch {
    return fallback;
  }
  if (url.origin !== window.location.origin || url.pathname === paths.signIn) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
