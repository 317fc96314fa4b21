/**
 * Where to go after signing in: a path of this app the visitor was sent away from (a link in an
 * email, say). Anything else — another site, `//host`, a backslash trick — falls back to the overview.
 */
export function safeReturn(path: string | null | undefined): string {
  if (!path || !path.startsWith('/') || path.startsWith('//') || path.includes('\\') || path.startsWith('/login')) return '/';
  return path;
}
