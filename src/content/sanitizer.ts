// The one place stored HTML is made safe: sanitize-html with AO3's allowlist (allowlist.ts) per field.
// Links get rel="nofollow", images and media need http(s) sources, iframes need an allowlisted player
// (embeds.ts), and there is never a style, an event handler or a script. Sanitizing the output again
// changes nothing.
import sanitize from "sanitize-html";
import { GLOBAL_ATTRIBUTES, MEDIA_TAGS, TAG_ATTRIBUTES, TEXT_TAGS, ATTRIBUTE_VALUES } from "./allowlist.js";
import { cleanText } from "./clean-text.js";
import { embedSrc } from "./embeds.js";
import { capNesting } from "./nesting.js";
import { httpUrl, linkHref } from "./urls.js";

/** Stored next to each sanitized field. Raise it when the rules change, so old fields get sanitized again. */
export const SANITIZER_VERSION = 1;

/** "content" is chapter text; "notes" covers notes, end notes and series notes. */
export type HtmlField = "content" | "summary" | "notes";

/** Tags whose contents are dropped with them (the contents of other removed tags are kept as text). */
// prettier-ignore
const DROPPED_WITH_CONTENTS = [
  "script", "style", "textarea", "option", "select", "xmp", "iframe", "noscript", "noembed", "noframes",
  "template", "title", "object", "applet", "svg", "math", "plaintext", "frameset", "frame", "head",
];

/** The checked src attributes, by tag: null drops the attribute (and the element, see `withoutSource`). */
const SOURCE_CHECKS: Readonly<Record<string, (value: string) => string | null>> = {
  img: httpUrl,
  audio: httpUrl,
  video: httpUrl,
  source: httpUrl,
  track: httpUrl,
  iframe: embedSrc,
};

function cleanAttributes(tagName: string, attribs: sanitize.Attributes): sanitize.Attributes {
  const attrs: sanitize.Attributes = {};
  for (const [name, value] of Object.entries(attribs)) {
    const check = ATTRIBUTE_VALUES[name];
    const checked = check ? check(value, tagName) : value;
    if (checked !== null) attrs[name] = checked;
  }
  const checkSource = SOURCE_CHECKS[tagName];
  if (checkSource && attrs.src !== undefined) setOrDrop(attrs, "src", checkSource(attrs.src));
  if (attrs.poster !== undefined) setOrDrop(attrs, "poster", httpUrl(attrs.poster));
  if (attrs.cite !== undefined) setOrDrop(attrs, "cite", httpUrl(attrs.cite));
  if (tagName === "a") {
    if (attrs.href !== undefined) setOrDrop(attrs, "href", linkHref(attrs.href));
    if (attrs.href !== undefined) attrs.rel = "nofollow";
    else delete attrs.rel;
  }
  if (tagName === "audio" || tagName === "video") {
    attrs.controls = "";
    attrs.preload ??= "metadata";
  }
  return attrs;
}

function setOrDrop(attrs: sanitize.Attributes, name: string, value: string | null): void {
  if (value === null) delete attrs[name];
  else attrs[name] = value;
}

/** Elements that are nothing without a usable source are removed whole. */
function withoutSource(frame: sanitize.IFrame): boolean {
  return ["img", "iframe", "source", "track"].includes(frame.tag) && !frame.attribs.src;
}

function optionsFor(field: HtmlField): sanitize.IOptions {
  const tags = field === "content" ? [...TEXT_TAGS, ...MEDIA_TAGS] : [...TEXT_TAGS];
  const attributes: Record<string, string[]> = { "*": [...GLOBAL_ATTRIBUTES] };
  for (const tag of tags) if (TAG_ATTRIBUTES[tag]) attributes[tag] = [...TAG_ATTRIBUTES[tag]];
  const web = ["http", "https"];
  return {
    allowedTags: tags,
    allowedAttributes: attributes,
    // No class names: Quire has no work skins yet, and an author's class could borrow the site's own
    // styles to fake its interface. (AO3 keeps them in content and notes for work skins.)
    allowedClasses: {},
    allowedSchemes: [...web, "mailto"],
    // A second line of defence: cleanAttributes has already checked every URL more strictly.
    allowedSchemesByTag: {
      ...Object.fromEntries(
        ["img", "audio", "video", "source", "track", "blockquote", "q"].map((t) => [t, web]),
      ),
      iframe: ["https"],
    },
    allowedSchemesAppliedToAttributes: ["href", "src", "cite", "poster"],
    allowProtocolRelative: false,
    selfClosing: ["img", "br", "hr", "col", "source", "track", "wbr"],
    disallowedTagsMode: "discard",
    nonTextTags: DROPPED_WITH_CONTENTS,
    nestingLimit: 100,
    parseStyleAttributes: false,
    transformTags: { "*": (tagName, attribs) => ({ tagName, attribs: cleanAttributes(tagName, attribs) }) },
    exclusiveFilter: withoutSource,
  };
}

const OPTIONS: Readonly<Record<HtmlField, sanitize.IOptions>> = {
  content: optionsFor("content"),
  summary: optionsFor("summary"),
  notes: optionsFor("notes"),
};

/** Sanitized HTML for `field`: AO3's allowlist, unclosed tags closed. Never throws. */
export function sanitizeHtml(html: string, field: HtmlField): string {
  const text = cleanText(typeof html === "string" ? html : "");
  try {
    return sanitize(capNesting(text), OPTIONS[field] ?? OPTIONS.summary);
  } catch {
    // sanitize-html is not known to throw; if it ever does, keep the words and none of the markup.
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }
}
