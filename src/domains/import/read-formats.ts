// Each format to blocks (plus what its package declares): text, Markdown, HTML, EPUB and DOCX.
import markdownIt from "markdown-it";
import mammoth from "mammoth";
import { zipSync } from "fflate";
import type { Document, Element } from "domhandler";
import { findAll, findOne, getAttributeValue, textContent } from "domutils";
import { textToBlocks, type Block } from "./blocks.js";
import { decodeText } from "./decode-text.js";
import type { Deadline } from "./deadline.js";
import { nodesToBlocks, parseHtml } from "./html-blocks.js";
import { ImportRefused } from "./import-refused.js";
import { decodePath, readZip, zipText, type ZipEntries, type ZipLimits } from "./zip.js";

/** What a package (an EPUB's OPF) says about the work, beside its text. */
export interface PackageMetadata {
  title: string | null;
  authors: string[];
  summaryHtml: string | null;
  subjects: string[];
  language: string | null;
  series: { title: string; part: number | null } | null;
  publisher: string | null;
  contributor: string | null;
}

export interface ReadDocument {
  blocks: Block[];
  metadata: PackageMetadata | null;
  /** Hints for the source: the raw markup or text, searched for producer signatures. */
  signature: string;
  diagnostics: string[];
  encoding?: string;
}

export function readText(bytes: Uint8Array, deadline: Deadline): ReadDocument {
  const decoded = decodeText(bytes);
  deadline.check();
  return {
    blocks: textToBlocks(decoded.text, deadline),
    metadata: null,
    signature: signatureOf(decoded.text),
    diagnostics: decoded.diagnostics,
    encoding: decoded.encoding,
  };
}

const markdown = markdownIt({ html: true, breaks: true, linkify: false });

export function readMarkdown(bytes: Uint8Array, deadline: Deadline): ReadDocument {
  const decoded = decodeText(bytes);
  deadline.check();
  const html = markdown.render(decoded.text);
  deadline.check();
  return {
    blocks: nodesToBlocks(parseHtml(html).children, deadline),
    metadata: null,
    signature: signatureOf(decoded.text),
    diagnostics: decoded.diagnostics,
    encoding: decoded.encoding,
  };
}

export function readHtml(bytes: Uint8Array, deadline: Deadline): ReadDocument {
  const decoded = decodeText(bytes);
  const document = parseHtml(decoded.text);
  deadline.check();
  return {
    blocks: htmlDocumentBlocks(document, deadline),
    metadata: null,
    signature: signatureOf(decoded.text),
    diagnostics: decoded.diagnostics,
    encoding: decoded.encoding,
  };
}

function htmlDocumentBlocks(document: Document, deadline: Deadline): Block[] {
  // A saved AO3 page: only its #main (the work), not the site's menus and footer.
  const workskin = findOne((e) => getAttributeValue(e, "id") === "workskin", document.children, true);
  if (workskin) {
    const meta = findOne(
      (e) => e.name === "dl" && /\bwork\b.*\bmeta\b/u.test(getAttributeValue(e, "class") ?? ""),
      document.children,
      true,
    );
    return nodesToBlocks(meta ? [meta, workskin] : [workskin], deadline);
  }
  const body = findOne((e) => e.name === "body", document.children, true);
  return nodesToBlocks(body ? body.children : document.children, deadline);
}

/** The first 64 KB and the last 4 KB, where producers sign their files. */
function signatureOf(text: string): string {
  return text.length <= 70_000 ? text : `${text.slice(0, 64_000)}\n${text.slice(-4000)}`;
}

export function readEpub(bytes: Uint8Array, limits: ZipLimits, deadline: Deadline): ReadDocument {
  const entries = readZip(bytes, limits, "EPUB");
  deadline.check();
  const container = zipText(entries, "META-INF/container.xml") ?? zipText(entries, "meta-inf/container.xml");
  if (container === undefined) throw new ImportRefused("a damaged EPUB (it has no META-INF/container.xml)");
  const rootfile = findOne((e) => e.name === "rootfile", parseHtml(container).children, true);
  const opfPath = rootfile ? getAttributeValue(rootfile, "full-path") : undefined;
  const opfText = opfPath === undefined ? undefined : zipText(entries, opfPath);
  if (opfPath === undefined || opfText === undefined)
    throw new ImportRefused("a damaged EPUB (its package file is missing)");
  const opf = parseHtml(opfText);
  const base = opfPath.includes("/") ? opfPath.slice(0, opfPath.lastIndexOf("/") + 1) : "";
  const metadata = epubMetadata(opf);
  const manifest = new Map<string, { href: string; type: string; properties: string }>();
  for (const item of findAll((e) => localName(e) === "item", opf.children)) {
    const id = getAttributeValue(item, "id");
    const href = getAttributeValue(item, "href");
    if (id !== undefined && href !== undefined) {
      manifest.set(id, {
        href: resolvePath(base, href),
        type: getAttributeValue(item, "media-type") ?? "",
        properties: getAttributeValue(item, "properties") ?? "",
      });
    }
  }
  const spine = findAll((e) => localName(e) === "itemref", opf.children)
    .filter((e) => getAttributeValue(e, "linear") !== "no")
    .map((e) => manifest.get(getAttributeValue(e, "idref") ?? ""))
    .filter((item): item is { href: string; type: string; properties: string } => item !== undefined)
    .filter((item) => !item.properties.split(/\s+/u).includes("nav") && /html|xml/iu.test(item.type));
  if (spine.length === 0) throw new ImportRefused("a damaged EPUB (its spine lists no documents)");
  const blocks: Block[] = [];
  let signature = `${opfText.slice(0, 20_000)}\n`;
  const diagnostics: string[] = [];
  for (const item of spine) {
    deadline.check();
    const html = zipText(entries, item.href);
    if (html === undefined) {
      diagnostics.push(`The EPUB lists ${item.href}, which it doesn't contain.`);
      continue;
    }
    if (/cover/iu.test(item.href) && !/<p[\s>]/iu.test(html)) continue;
    if (signature.length < 64_000) signature += html.slice(0, 64_000 - signature.length);
    blocks.push(...htmlDocumentBlocks(parseHtml(html), deadline));
  }
  return { blocks, metadata, signature, diagnostics };
}

function epubMetadata(opf: Document): PackageMetadata {
  const all = (name: string): Element[] => findAll((e) => localName(e) === name, opf.children);
  const text = (e: Element): string => textContent(e).trim();
  const meta = (name: string): string | undefined => {
    const element = findOne(
      (e) => localName(e) === "meta" && getAttributeValue(e, "name") === name,
      opf.children,
      true,
    );
    return element ? getAttributeValue(element, "content") : undefined;
  };
  const creators = all("creator").filter((e) => {
    const role = getAttributeValue(e, "opf:role") ?? getAttributeValue(e, "role");
    return role === undefined || role === "aut";
  });
  const seriesTitle =
    meta("calibre:series") ??
    all("meta")
      .find((e) => getAttributeValue(e, "property") === "belongs-to-collection")
      ?.children.map((c) => textContent(c))
      .join("");
  const seriesIndex = meta("calibre:series_index");
  return {
    title: all("title").map(text)[0] ?? null,
    authors: creators.map(text).filter((a) => a !== ""),
    summaryHtml: all("description").map(text)[0] ?? null,
    subjects: all("subject")
      .map(text)
      .filter((s) => s !== ""),
    language: all("language").map(text)[0] ?? null,
    series: seriesTitle
      ? { title: seriesTitle, part: seriesIndex ? Math.round(Number(seriesIndex)) || null : null }
      : null,
    publisher: all("publisher").map(text)[0] ?? null,
    contributor: all("contributor").map(text).join(" ") || null,
  };
}

function localName(e: Element): string {
  return e.name.replace(/^.*:/u, "").toLowerCase();
}

function resolvePath(base: string, href: string): string {
  const clean = decodePath(href.split("#")[0]!);
  const parts = (base + clean).split("/");
  const out: string[] = [];
  for (const part of parts) {
    if (part === "..") out.pop();
    else if (part !== "." && part !== "") out.push(part);
  }
  return out.join("/");
}

export async function readDocx(
  bytes: Uint8Array,
  limits: ZipLimits,
  deadline: Deadline,
): Promise<ReadDocument> {
  // Inflate within the limit first, then hand mammoth a re-packed copy it can't blow up.
  const entries: ZipEntries = readZip(bytes, limits, "Word document");
  if (!entries.has("word/document.xml"))
    throw new ImportRefused("a damaged Word document (word/document.xml is missing)");
  const repacked = zipSync(
    Object.fromEntries([...entries].map(([name, data]) => [name, [data, { level: 0 }] as const])),
  );
  deadline.check();
  let html: string;
  const diagnostics: string[] = [];
  try {
    const converted = await mammoth.convertToHtml(
      { buffer: Buffer.from(repacked) },
      { styleMap: ["p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => h2:fresh"] },
    );
    html = converted.value;
  } catch (err) {
    throw new ImportRefused(`a damaged Word document (${err instanceof Error ? err.message : String(err)})`);
  }
  deadline.check();
  return {
    blocks: nodesToBlocks(parseHtml(html).children, deadline),
    metadata: null,
    signature: html.slice(0, 64_000),
    diagnostics,
  };
}
