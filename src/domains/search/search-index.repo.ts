// The only SQL about the work_search table (full-text search): SQLite's FTS5 table, or
// PostgreSQL's tsvector columns, one row per posted work keyed by its doc number.
import { sql, type Kysely } from "kysely";
import type { DialectName } from "../../db/database.js";
import type { Database } from "../../db/schema.js";
import type { SearchDocument } from "./search-document.js";
import { excludedOnly, toFts5, tokens, type QueryField, type QueryNode } from "./search-query.js";

type Db = Kysely<Database>;

/** PostgreSQL keeps word positions (for phrases) in the first this many characters of a work. */
export const positionedChars = 200_000;

export async function writeSearchDocuments(
  db: Db,
  dialect: DialectName,
  documents: readonly SearchDocument[],
): Promise<void> {
  for (let d of documents) {
    if (dialect === "sqlite") {
      await sql`insert or replace into work_search (rowid, title, creators, summary, notes, tags, fandoms, body)
        values (${d.doc}, ${d.title}, ${d.creators}, ${d.summary}, ${d.notes}, ${d.tags}, ${d.fandoms}, ${d.body})`.execute(
        db,
      );
    } else {
      // PostgreSQL's "simple" configuration keeps accents; SQLite's tokenizer drops them. Both
      // databases find "Pokémon" by "pokemon" because the text is folded here, and queries too.
      d = foldDocument(d);
      const all = [d.title, d.creators, d.summary, d.notes, d.tags, d.fandoms, d.body].join("\n");
      await sql`insert into work_search (doc, title, creators, tags, fandoms, everything)
        values (${d.doc}, to_tsvector('simple', ${d.title}), to_tsvector('simple', ${d.creators}),
          to_tsvector('simple', ${d.tags} || ' ' || ${d.fandoms}), to_tsvector('simple', ${d.fandoms}),
          to_tsvector('simple', left(${all}::text, ${positionedChars}))
            || strip(to_tsvector('simple', substr(${all}::text, ${positionedChars + 1}))))
        on conflict (doc) do update set title = excluded.title, creators = excluded.creators,
          tags = excluded.tags, fandoms = excluded.fandoms, everything = excluded.everything`.execute(db);
    }
  }
}

export async function deleteSearchDocuments(
  db: Db,
  dialect: DialectName,
  docs: readonly number[],
): Promise<void> {
  if (docs.length === 0) return;
  if (dialect === "sqlite") {
    for (const doc of docs) await sql`delete from work_search where rowid = ${doc}`.execute(db);
  } else {
    await sql`delete from work_search where doc in (${sql.join(docs)})`.execute(db);
  }
}

/** Lower-cases and drops diacritics (and NUL, which PostgreSQL can't store). */
function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replaceAll("\u0000", "")
    .toLowerCase();
}

/** A search document as PostgreSQL stores it (folded like SQLite's tokenizer reads it). */
export function foldDocument(d: SearchDocument): SearchDocument {
  return {
    doc: d.doc,
    title: fold(d.title),
    creators: fold(d.creators),
    summary: fold(d.summary),
    notes: fold(d.notes),
    tags: fold(d.tags),
    fandoms: fold(d.fandoms),
    body: fold(d.body),
  };
}

export interface SearchMatches {
  /** The works that match (with a score, higher is better, when asked for). */
  docs: number[];
  scores: Map<number, number> | null;
  /** The works to leave out instead, when the query only excludes words. */
  excludeDocs: number[];
  /** More matched than `limit`: the rest are left out. */
  truncated: boolean;
}

/** The works matching a parsed query, at most `limit` of them. */
export async function matchDocs(
  db: Db,
  dialect: DialectName,
  node: QueryNode,
  options: { limit: number; scores: boolean; budgetMs: number },
): Promise<SearchMatches> {
  return dialect === "sqlite" ? matchSqlite(db, node, options) : matchPostgres(db, node, options);
}

async function matchSqlite(
  db: Db,
  node: QueryNode,
  options: { limit: number; scores: boolean },
): Promise<SearchMatches> {
  const { match, exclude } = toFts5(node);
  const expression = match ?? exclude;
  if (expression === null) return { docs: [], scores: null, excludeDocs: [], truncated: false };
  const rows = (
    await sql<{ doc: number; rank: number | null }>`select rowid as doc, ${
      options.scores && match ? sql`rank` : sql`null`
    } as rank from work_search where work_search match ${expression} limit ${options.limit + 1}`.execute(db)
  ).rows;
  const truncated = rows.length > options.limit;
  const kept = rows.slice(0, options.limit);
  if (match === null) return { docs: [], scores: null, excludeDocs: kept.map((r) => r.doc), truncated };
  return {
    docs: kept.map((r) => r.doc),
    // bm25: lower is better.
    scores: options.scores ? new Map(kept.map((r) => [r.doc, -(r.rank ?? 0)])) : null,
    excludeDocs: [],
    truncated,
  };
}

const pgColumn: Record<QueryField | "any", string> = {
  any: "everything",
  title: "title",
  creator: "creators",
  tag: "tags",
  fandom: "fandoms",
};

/** The SQL condition for a query tree on PostgreSQL's tsvector columns. */
function pgCondition(node: QueryNode): ReturnType<typeof sql<boolean>> {
  switch (node.kind) {
    case "and":
    case "or":
      return sql<boolean>`(${sql.join(
        node.children.map(pgCondition),
        sql.raw(node.kind === "and" ? " and " : " or "),
      )})`;
    case "not":
      return sql<boolean>`not ${pgCondition(node.child)}`;
    case "term":
    case "phrase": {
      const column = sql.ref(`work_search.${pgColumn[node.field ?? "any"]}`);
      const words = tokens(node.text);
      if (words.length === 0) return sql<boolean>`false`;
      if (node.kind === "term" && node.prefix) {
        const text = words.map((w, i) => (i === words.length - 1 ? `${w}:*` : w)).join(" <-> ");
        return sql<boolean>`${column} @@ to_tsquery('simple', ${text})`;
      }
      return sql<boolean>`${column} @@ phraseto_tsquery('simple', ${words.join(" ")})`;
    }
  }
}

/** The words a query looks for (not those it excludes), for ranking. */
function positiveWords(node: QueryNode): string[] {
  switch (node.kind) {
    case "and":
    case "or":
      return node.children.flatMap(positiveWords);
    case "not":
      return [];
    default:
      return tokens(node.text);
  }
}

async function matchPostgres(
  db: Db,
  node: QueryNode,
  options: { limit: number; scores: boolean; budgetMs: number },
): Promise<SearchMatches> {
  // A query that only excludes ("-angst") lists what it excludes, as on SQLite.
  const negated = excludedOnly(node);
  if (negated) node = negated;
  const words = [...new Set(positiveWords(node))];
  const rank =
    !negated && options.scores && words.length > 0
      ? sql`ts_rank(work_search.everything, to_tsquery('simple', ${words.join(" | ")}))`
      : sql`null`;
  // A statement timeout needs a transaction to be local to; one is opened unless already in one.
  const run = async (trx: Db) => {
    await sql`select set_config('statement_timeout', ${String(options.budgetMs)}, true)`.execute(trx);
    return (
      await sql<{ doc: number; rank: number | null }>`select doc, ${rank} as rank from work_search
        where ${pgCondition(node)} limit ${options.limit + 1}`.execute(trx)
    ).rows;
  };
  const rows = db.isTransaction ? await run(db) : await db.transaction().execute(run);
  const truncated = rows.length > options.limit;
  const kept = rows.slice(0, options.limit);
  if (negated) return { docs: [], scores: null, excludeDocs: kept.map((r) => Number(r.doc)), truncated };
  return {
    docs: kept.map((r) => Number(r.doc)),
    scores: options.scores ? new Map(kept.map((r) => [Number(r.doc), Number(r.rank ?? 0)])) : null,
    excludeDocs: [],
    truncated,
  };
}
