// scripts/seed-synthetic.ts writes its rows in bulk, not through the services. These tests seed a small
// corpus and check that what it wrote is what the services write: filter sets, crossover flags and
// full-text index entries equal what reindexWorks makes of the same works, stored HTML is what the
// sanitizer leaves, the counters agree with the chapters, and the app lists and finds the works.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedSynthetic } from "../scripts/seed-synthetic.js";
import { loadConfig } from "../src/config/config.js";
import { prepareHtml } from "../src/content/text-format.js";
import { guest } from "../src/domains/actor.js";
import { inTransaction, type Ctx } from "../src/domains/context.js";
import { reindexWorks } from "../src/domains/search/reindex.js";
import { parseWorkFilter } from "../src/domains/search/work-filter.js";
import { findWorks } from "../src/domains/search/work-search.service.js";
import { tagToParam } from "../src/domains/tags/tag-name.js";
import { buildApp } from "../src/http/app.js";
import { createMailer } from "../src/mail/mailer.js";
import { createTestDatabase, dialects, type TestDatabase } from "./support/dialects.js";
import type { FastifyInstance } from "fastify";

const WORKS = 300;

describe.each(dialects)("seed:synthetic on %s", (dialect) => {
  let database: TestDatabase;
  let ctx: Ctx;
  let app: FastifyInstance;
  let mailer: ReturnType<typeof createMailer>;

  beforeAll(async () => {
    database = await createTestDatabase(dialect, false);
    await seedSynthetic({
      works: WORKS,
      words: 120,
      seed: 7,
      databaseUrl: database.databaseUrl,
      sqlitePath: database.sqlitePath,
      fresh: false,
      fandoms: 12,
      users: 15,
      progress: false,
    });
    const config = loadConfig(
      {},
      {
        dataDir: database.dataDir,
        sqlitePath: database.sqlitePath,
        databaseUrl: database.databaseUrl,
        logLevel: "silent",
        baseUrl: "http://quire.test",
        publicUrl: "http://quire.test",
      },
    );
    mailer = createMailer(config);
    const built = await buildApp({ config, db: database.db, mailer, logger: false });
    app = built.app;
    ctx = built.ctx;
    await app.ready();
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    mailer?.close();
    await database?.drop();
  });

  const docsWhere = async (query: ReturnType<typeof sql<{ doc: number }>>): Promise<number[]> =>
    (await query.execute(ctx.db)).rows.map((r) => Number(r.doc));

  /** 20 works, among them the unusual ones: crossovers, synonyms, meta tags, chapters, co-creators, a draft. */
  async function sampleDocs(): Promise<number[]> {
    const chosen = new Set<number>();
    const groups = [
      sql<{ doc: number }>`select doc from works where crossover = 1 order by doc limit 3`,
      sql<{ doc: number }>`select distinct w.doc from works w join work_tags wt on wt.work_id = w.id
        join tags t on t.id = wt.tag_id where t.merger_id is not null order by w.doc limit 3`,
      sql<{ doc: number }>`select distinct doc from filter_taggings where inherited = 1 order by doc limit 3`,
      sql<{ doc: number }>`select doc from works where posted_chapters > 2 order by doc limit 2`,
      sql<{
        doc: number;
      }>`select w.doc from works w where (select count(*) from creatorships c where c.work_id = w.id) > 1 order by w.doc limit 2`,
      sql<{ doc: number }>`select doc from works where posted = 0 order by doc limit 1`,
      sql<{ doc: number }>`select doc from works where notes <> '' and endnotes <> '' order by doc limit 1`,
    ];
    for (const g of groups) for (const doc of await docsWhere(g)) chosen.add(doc);
    for (let doc = 1; chosen.size < 20; doc += 13) chosen.add(doc);
    return [...chosen].sort((a, b) => a - b);
  }

  /** Everything the services derive from a work's tags and text, for the works `docs`. */
  async function derived(docs: number[]) {
    const filterRows = (
      await sql<{ doc: number; tag_num: number; inherited: number }>`select doc, tag_num, inherited
        from filter_taggings where doc in (${sql.join(docs)}) order by doc, tag_num`.execute(ctx.db)
    ).rows.map((r) => `${r.doc}:${r.tag_num}:${r.inherited}`);
    const crossover = (
      await sql<{ doc: number; crossover: number }>`select doc, crossover from works
        where doc in (${sql.join(docs)}) order by doc`.execute(ctx.db)
    ).rows.map((r) => `${r.doc}:${r.crossover}`);
    let search: string[];
    if (dialect === "sqlite") {
      // The table keeps no text, but its index can be read back: every token with its column and position.
      await sql`create virtual table if not exists temp.work_search_terms using fts5vocab(main, work_search, instance)`.execute(
        ctx.db,
      );
      search = (
        await sql<{ doc: number; col: string; offset: number; term: string }>`select doc, col, offset, term
          from temp.work_search_terms where doc in (${sql.join(docs)}) order by doc, col, offset`.execute(
          ctx.db,
        )
      ).rows.map((r) => `${r.doc}:${r.col}:${r.offset}:${r.term}`);
    } else {
      search = (
        await sql<Record<string, string>>`select doc, title::text, creators::text, tags::text, fandoms::text,
          everything::text from work_search where doc in (${sql.join(docs)}) order by doc`.execute(ctx.db)
      ).rows.map((r) => JSON.stringify(r));
    }
    return { filterRows, crossover, search };
  }

  it("writes the filter sets, crossover flags and search index that reindexWorks writes", async () => {
    const docs = await sampleDocs();
    expect(docs.length).toBe(20);
    const seeded = await derived(docs);
    expect(seeded.filterRows.length).toBeGreaterThan(100);
    expect(seeded.search.length).toBeGreaterThan(0);
    const ids = (
      await sql<{ id: string }>`select id from works where doc in (${sql.join(docs)})`.execute(ctx.db)
    ).rows.map((r) => r.id);
    await inTransaction(ctx, (tx) => reindexWorks(tx, ids));
    const rebuilt = await derived(docs);
    expect(seeded.filterRows).toEqual(rebuilt.filterRows);
    expect(seeded.crossover).toEqual(rebuilt.crossover);
    expect(seeded.search).toEqual(rebuilt.search);
  });

  it("stores HTML as the sanitizer leaves it and counters that agree with the chapters", async () => {
    const works = (
      await sql<{
        id: string;
        summary: string;
        notes: string;
        endnotes: string;
      }>`select id, summary, notes, endnotes
        from works order by doc limit 60`.execute(ctx.db)
    ).rows;
    for (const w of works) {
      expect(prepareHtml(w.summary, "html", "summary").html).toBe(w.summary);
      expect(prepareHtml(w.notes, "html", "notes").html).toBe(w.notes);
      expect(prepareHtml(w.endnotes, "html", "notes").html).toBe(w.endnotes);
    }
    const chapters = (
      await sql<{ content: string }>`select content from chapters order by id limit 150`.execute(ctx.db)
    ).rows;
    for (const c of chapters) expect(prepareHtml(c.content, "html", "content").html).toBe(c.content);
    // recomputeWork's rules: counts and words from the chapters, complete when all expected are posted.
    const wrong = (
      await sql<{ doc: number }>`select w.doc from works w
        where w.posted_chapters <> (select count(*) from chapters c where c.work_id = w.id)
           or w.word_count <> (select sum(word_count) from chapters c where c.work_id = w.id)
           or w.complete <> (case when w.expected_chapters is not null and w.posted_chapters >= w.expected_chapters then 1 else 0 end)
           or (w.posted = 1 and w.revised_at <> (select max(published_at) from chapters c where c.work_id = w.id))`.execute(
        ctx.db,
      )
    ).rows;
    expect(wrong).toEqual([]);
    if (dialect === "sqlite") {
      expect((await sql`pragma foreign_key_check`.execute(ctx.db)).rows).toEqual([]);
    }
  });

  it("lists the works on their fandom's page and finds them by title", async () => {
    const top = (
      await sql<{ name: string; n: number }>`select t.name, count(*) as n from filter_taggings f
        join tags t on t.num = f.tag_num where t.type = 'fandom' group by t.name order by n desc limit 1`.execute(
        ctx.db,
      )
    ).rows[0]!;
    expect(Number(top.n)).toBeGreaterThan(WORKS / 20);
    const res = await app.inject({ method: "GET", url: `/tags/${tagToParam(top.name)}/works` });
    expect(res.statusCode).toBe(200);
    expect(res.body.match(/<li class="blurb"/g)?.length).toBe(20);

    const open = (
      await sql<{ doc: number; title: string }>`select doc, title from works
        where posted = 1 and restricted = 0 order by doc limit 5`.execute(ctx.db)
    ).rows;
    for (const w of open) {
      const { filter } = parseWorkFilter(
        { q: `title:"${w.title}"` },
        { maxTags: 100, maxQueryLength: 10_000, maxPage: 5000 },
      );
      const result = await findWorks(ctx, guest, { kind: "all" }, { ...filter, page: 1 });
      const found = new Set<number>();
      for (let page = 1; page <= result.pages && !found.has(w.doc); page++) {
        const p = page === 1 ? result : await findWorks(ctx, guest, { kind: "all" }, { ...filter, page });
        for (const d of p.works) found.add(d.work.doc);
      }
      expect(found.has(w.doc), `“${w.title}” (doc ${w.doc}) found by its title`).toBe(true);
    }
  });
});
