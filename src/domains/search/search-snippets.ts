// Matched excerpts for a page of search results: from the summary, the notes, the tags or the
// story text, whichever matches first, so a reader sees why each work was found.
import { htmlToText } from "../../content/plain-text.js";
import { postedChapterTexts } from "../chapters/chapter.repo.js";
import type { Ctx } from "../context.js";
import { tagTypes } from "../tags/tag-types.js";
import type { WorkDetail } from "../works/work.js";
import { snippet, type SnippetPart } from "./snippet.js";

/** Story text read per work for its excerpt (the start of a very long work is enough). */
const BODY_CHARS = 400_000;

export async function snippetsFor(
  ctx: Ctx,
  details: readonly WorkDetail[],
  highlights: readonly { text: string; prefix: boolean }[],
): Promise<Map<string, SnippetPart[]>> {
  const result = new Map<string, SnippetPart[]>();
  if (details.length === 0 || highlights.length === 0) return result;
  const texts = await postedChapterTexts(
    ctx.db,
    details.map((d) => d.work.id),
  );
  for (const { work, tags } of details) {
    const sources = [
      () => htmlToText(work.summary),
      () => htmlToText(`${work.notes} ${work.endnotes}`),
      () => tagTypes.flatMap((t) => tags[t].map((tag) => tag.name)).join(", "),
      () => {
        let body = "";
        for (const chapter of texts.get(work.id) ?? []) {
          if (body.length > BODY_CHARS) break;
          body += `${chapter.title}\n${htmlToText(chapter.content)}\n`;
        }
        return body.slice(0, BODY_CHARS);
      },
    ];
    for (const source of sources) {
      const parts = snippet(source(), highlights);
      if (parts) {
        result.set(work.id, parts);
        break;
      }
    }
  }
  return result;
}
