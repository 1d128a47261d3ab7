// What stored HTML may contain: AO3's tag and attribute allowlist (config/initializers/gem-plugin_config/
// sanitizer_config.rb and lib/otw_sanitize/), per field, and the values each attribute may take.

/** Tags allowed in every HTML field. */
// prettier-ignore
export const TEXT_TAGS: readonly string[] = [
  "a", "abbr", "acronym", "address", "b", "big", "blockquote", "br", "caption", "center", "cite", "code",
  "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure",
  "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "ol", "p", "pre", "q",
  "rp", "rt", "ruby", "s", "samp", "small", "span", "strike", "strong", "sub", "summary", "sup",
  "table", "tbody", "td", "tfoot", "th", "thead", "tr", "tt", "u", "ul", "var",
];

/** Tags allowed only in chapter text: media with http(s) sources and embeds from allowlisted hosts. */
export const MEDIA_TAGS: readonly string[] = ["audio", "video", "source", "track", "iframe"];

/** Attributes allowed on any tag. */
export const GLOBAL_ATTRIBUTES: readonly string[] = ["align", "dir", "lang", "title"];

/** Attributes allowed per tag, besides the global ones. `rel` on links is always set by the sanitizer. */
export const TAG_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  a: ["href", "name", "rel"],
  blockquote: ["cite"],
  col: ["span", "width"],
  colgroup: ["span", "width"],
  details: ["open"],
  hr: ["width"],
  img: ["src", "alt", "width", "height"],
  ol: ["start", "type"],
  q: ["cite"],
  table: ["border", "summary", "width"],
  td: ["colspan", "rowspan", "width", "height"],
  th: ["colspan", "rowspan", "width", "height", "scope"],
  ul: ["type"],
  audio: ["src", "controls", "loop", "muted", "preload"],
  video: ["src", "controls", "loop", "muted", "preload", "poster", "width", "height", "playsinline"],
  source: ["src", "type"],
  track: ["src", "kind", "label", "srclang", "default"],
  iframe: ["src", "width", "height", "title", "allowfullscreen", "frameborder"],
};

const oneOf =
  (...allowed: string[]) =>
  (value: string): string | null =>
    allowed.find((option) => option.toLowerCase() === value.trim().toLowerCase()) ?? null;
const matching =
  (pattern: RegExp) =>
  (value: string): string | null =>
    pattern.test(value.trim()) ? value.trim() : null;

const WHOLE_NUMBER = matching(/^\d{1,4}$/);
const LENGTH = matching(/^\d{1,5}%?$/);

/** Checks for attributes whose value has a fixed form; the cleaned value, or null to drop the attribute. */
export const ATTRIBUTE_VALUES: Readonly<Record<string, (value: string, tag: string) => string | null>> = {
  dir: oneOf("ltr", "rtl", "auto"),
  lang: matching(/^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/),
  srclang: matching(/^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/),
  colspan: WHOLE_NUMBER,
  rowspan: WHOLE_NUMBER,
  span: WHOLE_NUMBER,
  border: WHOLE_NUMBER,
  width: LENGTH,
  height: LENGTH,
  start: matching(/^-?\d{1,6}$/),
  type: (value, tag) =>
    tag === "ol"
      ? (["1", "a", "A", "i", "I"].find((t) => t === value.trim()) ?? null)
      : tag === "ul"
        ? oneOf("disc", "circle", "square")(value)
        : matching(/^[\w.+-]+\/[\w.+-]+$/)(value),
  scope: oneOf("row", "col", "rowgroup", "colgroup"),
  kind: oneOf("subtitles", "captions", "descriptions", "chapters", "metadata"),
  preload: (value) => oneOf("none", "metadata")(value) ?? "metadata",
  frameborder: oneOf("0", "1"),
};
