/**
 * Where to go after signing in. Only a path on this site is accepted ("/plans?year=2025"),
 * never another origin ("//evil.example", "/\\evil.example", "https://..."), nor the sign-in page
 * itself, so a crafted sign-in link cannot send the person elsewhere.
 */
export function safeNextPath(next: string | null, { fallback, signInPath }: { fallback: string; signInPath: string }) {
  if (next === null || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
    return fallback;
  }
  let url: URL;
  try {
    url = new URL(next, window.location.origin);
  } catch {
    return fallback;
  }
  if (url.origin !== window.location.origin || url.pathname === signInPath) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
