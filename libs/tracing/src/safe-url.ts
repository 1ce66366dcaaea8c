/** A query parameter whose value may be a credential: `access_token`, `sig`, `apiKey`, `client_secret`, `code`. */
const SECRET_PARAM = /(token|secret|passw|apikey|api_key|key$|signature|^sig$|auth|credential|^code$)/i;

/**
 * A URL fit for a span, which leaves the process for whatever collector OTLP points at: without a user and
 * password, and with the values of secret-looking query parameters replaced. Text that is no absolute URL
 * is returned as it is.
 */
export function safeUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return text;
  }
  if (!url.username && !url.password && ![...url.searchParams.keys()].some((key) => SECRET_PARAM.test(key))) return text;
  url.username = '';
  url.password = '';
  for (const key of [...url.searchParams.keys()]) if (SECRET_PARAM.test(key)) url.searchParams.set(key, 'redacted');
  return url.toString();
}

/** Every URL inside a text (an error message) made safe. */
export function withSafeUrls(text: string): string {
  // Most texts hold no URL (every span's attributes pass here): no scan for those.
  if (!text.includes('://')) return text;
  return text.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi, (url) => safeUrl(url));
}
