/**
 * The path to return to after signing in: only a path on this site, never another origin
 * (an open redirect would make our sign-in page a phishing tool), and never the sign-in
 * pages themselves.
 */
export function safeCallbackUrl(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return "/";
  // Parsing against a placeholder origin also rejects control characters and odd schemes.
  const url = new URL(value, "http://mergeline.invalid");
  if (url.origin !== "http://mergeline.invalid" || /^\/(signin|api\/auth)(\/|$)/.test(url.pathname)) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}
