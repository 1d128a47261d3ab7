// A work as the database holds it, for tests that compare two ways of saving the same work: its row
// and its chapters without their ids (and without the `omit` columns that differ by design), its
// filter set by tag name, and its search document.
import { sql } from "kysely";
import type { Ctx } from "../../src/domains/context.js";

export async function storedWork(ctx: Ctx, workId: string, omit: readonly string[] = []) {
  const {
    id: _id,
    doc,
    ...row
  } = await ctx.db.selectFrom("works").selectAll().where("id", "=", workId).executeTakeFirstOrThrow();
  const work = Object.fromEntries(Object.entries(row).filter(([column]) => !omit.includes(column)));
  const chapters = (
    await ctx.db
      .selectFrom("chapters")
      .selectAll()
      .where("work_id", "=", workId)
      .orderBy("position")
      .execute()
  ).map(({ id: _c, work_id: _w, ...chapter }) => chapter);
  const filterSet = (
    await ctx.db
      .selectFrom("filter_taggings")
      .innerJoin("tags", "tags.num", "filter_taggings.tag_num")
      .select(["tags.name", "filter_taggings.inherited"])
      .where("filter_taggings.doc", "=", doc)
      .orderBy("tags.name")
      .execute()
  ).map((r) => (Number(r.inherited) === 1 ? `${r.name} (inherited)` : r.name));
  const search =
    ctx.dialect === "sqlite"
      ? await sql<Record<string, unknown>>`select title, creators, summary, notes, tags, fandoms, body
          from work_search where rowid = ${doc}`.execute(ctx.db)
      : await sql<
          Record<string, unknown>
        >`select title::text, creators::text, tags::text, fandoms::text, everything::text
          from work_search where doc = ${doc}`.execute(ctx.db);
  return { doc, work, chapters, filterSet, search: search.rows };
}
