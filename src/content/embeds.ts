// The hosts whose players may be embedded in chapter text with <iframe>, after AO3's embed allowlist
// (lib/otw_sanitize/embed_sanitizer.rb). Every embed is served over https.
import { httpUrl } from "./urls.js";

/** Host (without "www.") → the path an embed URL must start with. */
const EMBED_HOSTS: ReadonlyMap<string, string> = new Map([
  ["4shared.com", "/"],
  ["archive.org", "/embed/"],
  ["audio.com", "/"],
  ["bilibili.com", "/"],
  ["player.bilibili.com", "/"],
  ["criticalcommons.org", "/"],
  ["podfic.com", "/"],
  ["soundcloud.com", "/"],
  ["w.soundcloud.com", "/"],
  ["spotify.com", "/"],
  ["open.spotify.com", "/"],
  ["vidders.net", "/"],
  ["viddertube.com", "/"],
  ["vimeo.com", "/"],
  ["player.vimeo.com", "/"],
  ["youtube.com", "/"],
  ["youtube-nocookie.com", "/"],
]);

/** The origins embedded players load from, for the Content-Security-Policy's frame-src. */
export const embedOrigins: readonly string[] = [...EMBED_HOSTS.keys()].flatMap((host) => [
  `https://${host}`,
  `https://www.${host}`,
]);

/** The https URL to embed, or null when `src` is not a player on an allowlisted host. */
export function embedSrc(src: string): string | null {
  const href = httpUrl(src);
  if (href === null) return null;
  const url = new URL(href);
  const prefix = EMBED_HOSTS.get(url.hostname.replace(/^www\./, ""));
  if (prefix === undefined || url.port !== "" || !url.pathname.startsWith(prefix)) return null;
  url.protocol = "https:";
  return url.href;
}
