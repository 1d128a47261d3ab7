// URL checks for the sanitizer: which values an href, a media src or a cite may hold. Values arrive
// entity-decoded from the parser; they are cleaned the way browsers read them before any scheme check.

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;
const TWO_SLASHES = /^[/\\]{2}/;

/** An attribute value as a browser reads a URL: no tabs or newlines, no spaces or controls at the ends. */
export function cleanUrl(value: string): string {
  // The lookbehind starts the trailing run only where it begins: linear on a long run of spaces.
  // eslint-disable-next-line no-control-regex
  const ends = /^[\u0000-\u0020]+|(?<![\u0000-\u0020])[\u0000-\u0020]+$/g;
  return value.replace(/[\t\n\r]/g, "").replace(ends, "");
}

/** The normalised absolute http(s) URL, or null. Protocol-relative "//host/…" becomes https. */
export function httpUrl(value: string): string | null {
  let cleaned = cleanUrl(value);
  if (TWO_SLASHES.test(cleaned)) cleaned = `https://${cleaned.slice(2)}`;
  const scheme = SCHEME.exec(cleaned)?.[1]?.toLowerCase();
  if (scheme !== "http" && scheme !== "https") return null;
  try {
    const url = new URL(cleaned);
    if (url.username || url.password || !url.hostname) return null;
    return url.href;
  } catch {
    return null;
  }
}

/** A link target: http(s), mailto, or a relative URL or #fragment; null for any other scheme. */
export function linkHref(value: string): string | null {
  const cleaned = cleanUrl(value);
  if (cleaned === "") return null;
  if (TWO_SLASHES.test(cleaned)) return httpUrl(cleaned);
  const scheme = SCHEME.exec(cleaned)?.[1]?.toLowerCase();
  if (scheme === undefined) return cleaned;
  if (scheme === "mailto") return cleaned;
  if (scheme === "http" || scheme === "https") return httpUrl(cleaned);
  return null;
}
