/**
 * The in-app path to return to after signing in, from a `?next=` value. Anything that is not a
 * plain same-origin path (`//evil.example`, `https://…`, `/\evil`) falls back, so the sign-in
 * page cannot be used to bounce people to another site.
 */
export function safeNextPath(next: string | null, fallback: string): string {
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) {
    return fallback;
  }
  return next;
}

/** The sign-in URL that brings the person back to `path` afterwards. */
export function signInPathFor(path: string): string {
  return path === "/" ? "/signin" : `/signin?next=${encodeURIComponent(path)}`;
}
