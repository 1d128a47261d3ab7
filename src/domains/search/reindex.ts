// After any change to what finding a work reads (its tags, text, creators, counters, visibility):
// its filter set, its full-text document and a line in the change log, in the same transaction.
import { nowIso } from "../../lib/time.js";
import * as chapters from "../chapters/chapter.repo.js";
import type { Ctx } from "../context.js";
import { filterTagNamesOfDocs } from "../tags/filter-tagging.repo.js";
import { refreshFilterSets } from "../tags/filter-set.service.js";
import * as tags from "../tags/tag.repo.js";
import * as works from "../works/work.repo.js";
import { searchDocument } from "./search-document.js";
import { deleteSearchDocuments, writeSearchDocuments } from "./search-index.repo.js";
import { logWorkChanges, pruneWorkChanges } from "./work-change.repo.js";

export interface ReindexOptions {
  /** The plain text of HTML already read (see searchDocument), to save reading it again. */
  textOf?: (html: string) => string | undefined;
}

/** Brings filter sets, search documents and every process's work index up to date for `workIds`. */
export async function reindexWorks(
  tx: Ctx,
  workIds: readonly string[],
  options: ReindexOptions = {},
): Promise<void> {
  const unique = [...new Set(workIds)];
  for (let i = 0; i < unique.length; i += 200) {
    const batch = unique.slice(i, i + 200);
    await refreshFilterSets(tx, batch);
    const list = await works.findWorksByIds(tx.db, batch);
    const posted = list.filter((w) => w.posted);
    const postedIds = posted.map((w) => w.id);
    const [creators, typed, filed, texts] = await Promise.all([
      works.creatorsOfWorks(tx.db, postedIds),
      tags.tagsOfWorks(tx.db, postedIds),
      filterTagNamesOfDocs(
        tx.db,
        posted.map((w) => w.doc),
      ),
      chapters.postedChapterTexts(tx.db, postedIds),
    ]);
    const documents = posted.map((w) => {
      const names = [...(typed.get(w.id) ?? []), ...(filed.get(w.doc) ?? [])];
      return searchDocument(
        {
          doc: w.doc,
          title: w.title,
          summary: w.summary,
          notes: w.notes,
          endnotes: w.endnotes,
          creators: (creators.get(w.id) ?? []).map((c) => c.pseudName),
          tagNames: names.filter((t) => t.type !== "fandom").map((t) => t.name),
          fandomNames: names.filter((t) => t.type === "fandom").map((t) => t.name),
          chapters: texts.get(w.id) ?? [],
        },
        options.textOf,
      );
    });
    await writeSearchDocuments(tx.db, tx.dialect, documents);
    await deleteSearchDocuments(
      tx.db,
      tx.dialect,
      list.filter((w) => !w.posted).map((w) => w.doc),
    );
    await logWorkChanges(
      tx.db,
      list.map((w) => w.doc),
      nowIso(tx.now()),
    );
  }
}

/** Call before deleting works: every index drops them (their rows go with the works). */
export async function forgetWorks(tx: Ctx, workIds: readonly string[]): Promise<void> {
  const list = await works.findWorksByIds(tx.db, workIds);
  await deleteSearchDocuments(
    tx.db,
    tx.dialect,
    list.map((w) => w.doc),
  );
  await logWorkChanges(
    tx.db,
    list.map((w) => w.doc),
    nowIso(tx.now()),
  );
}

/** Logs a change for works whose counters (hits, kudos…) changed, without rebuilding anything else. */
export async function touchWorks(tx: Ctx, docs: readonly number[]): Promise<void> {
  await logWorkChanges(tx.db, docs, nowIso(tx.now()));
}

/** Forgets the change log older than a day; an index further behind than that reloads itself. */
export async function pruneChanges(ctx: Ctx): Promise<void> {
  await pruneWorkChanges(ctx.db, nowIso(new Date(ctx.now().getTime() - 86_400_000)));
}
