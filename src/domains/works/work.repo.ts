// The only SQL about the works and creatorships tables.
import type { Insertable, Kysely, Selectable, Updateable } from "kysely";
import type { Database, WorksTable } from "../../db/schema.js";
import type { Actor } from "../actor.js";
import type { CommentPermission, Creator, Work } from "./work.js";
import { listedWorks } from "./work.visibility.js";

type Db = Kysely<Database>;
export type WorkRow = Selectable<WorksTable>;

export function workFromRow(row: WorkRow): Work {
  return {
    id: row.id,
    doc: row.doc,
    title: row.title,
    summary: row.summary,
    notes: row.notes,
    endnotes: row.endnotes,
    language: row.language,
    expectedChapters: row.expected_chapters,
    postedChapters: row.posted_chapters,
    complete: row.complete === 1,
    posted: row.posted === 1,
    restricted: row.restricted === 1,
    commentPermissions: row.comment_permissions as CommentPermission,
    backdated: row.backdated === 1,
    publishedAt: row.published_at,
    revisedAt: row.revised_at,
    wordCount: row.word_count,
    hitCount: row.hit_count,
    kudosCount: row.kudos_count,
    commentCount: row.comment_count,
    bookmarkCount: row.bookmark_count,
    hiddenByAdmin: row.hidden_by_admin === 1,
    crossover: row.crossover === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The work `id`; with `lock`, its row is locked for the rest of the transaction (PostgreSQL only). */
export async function findWorkById(
  db: Db,
  id: string,
  options: { lock?: boolean } = {},
): Promise<Work | undefined> {
  let query = db.selectFrom("works").selectAll().where("id", "=", id);
  if (options.lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row && workFromRow(row);
}

export async function findWorksByIds(db: Db, ids: readonly string[]): Promise<Work[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("works")
    .selectAll()
    .where("id", "in", [...ids])
    .execute();
  const byId = new Map(rows.map((r) => [r.id, workFromRow(r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export async function insertWork(db: Db, row: Insertable<WorksTable>): Promise<void> {
  await db.insertInto("works").values(row).execute();
}

export async function updateWork(db: Db, id: string, changes: Updateable<WorksTable>): Promise<void> {
  await db.updateTable("works").set(changes).where("id", "=", id).execute();
}

export async function deleteWork(db: Db, id: string): Promise<void> {
  await db.deleteFrom("works").where("id", "=", id).execute();
}

/** Major +1 when a chapter is posted (readers' history shows "update available"), minor +1 on edits. */
export async function bumpVersion(db: Db, id: string, kind: "major" | "minor"): Promise<void> {
  await db
    .updateTable("works")
    .set((eb) =>
      kind === "major"
        ? { major_version: eb("major_version", "+", 1), minor_version: 0 }
        : { minor_version: eb("minor_version", "+", 1) },
    )
    .where("id", "=", id)
    .execute();
}

export async function addHit(db: Db, id: string): Promise<void> {
  await db
    .updateTable("works")
    .set((eb) => ({ hit_count: eb("hit_count", "+", 1) }))
    .where("id", "=", id)
    .execute();
}

/** The creators of each work, in credit order. */
export async function creatorsOfWorks(db: Db, workIds: readonly string[]): Promise<Map<string, Creator[]>> {
  const result = new Map<string, Creator[]>();
  if (workIds.length === 0) return result;
  const rows = await db
    .selectFrom("creatorships")
    .innerJoin("pseuds", "pseuds.id", "creatorships.pseud_id")
    .innerJoin("users", "users.id", "pseuds.user_id")
    .select([
      "creatorships.work_id",
      "pseuds.id as pseud_id",
      "pseuds.name as pseud_name",
      "users.id as user_id",
      "users.username",
    ])
    .where("creatorships.work_id", "in", [...workIds])
    .orderBy("creatorships.work_id")
    .orderBy("creatorships.position")
    .execute();
  for (const r of rows) {
    const list = result.get(r.work_id) ?? [];
    list.push({ pseudId: r.pseud_id, pseudName: r.pseud_name, userId: r.user_id, username: r.username });
    result.set(r.work_id, list);
  }
  return result;
}

/** Credits a new work (which has no creators yet) to `pseudIds`, in order. */
export async function insertCreators(db: Db, workId: string, pseudIds: readonly string[]): Promise<void> {
  if (pseudIds.length === 0) return;
  await db
    .insertInto("creatorships")
    .values(pseudIds.map((pseud_id, position) => ({ work_id: workId, pseud_id, position })))
    .execute();
}

export async function setCreators(db: Db, workId: string, pseudIds: readonly string[]): Promise<void> {
  await db.deleteFrom("creatorships").where("work_id", "=", workId).execute();
  if (pseudIds.length === 0) return;
  await db
    .insertInto("creatorships")
    .values(pseudIds.map((pseud_id, position) => ({ work_id: workId, pseud_id, position })))
    .execute();
}

/** Moves every credit of `fromPseudId` to `toPseudId` (dropping it where both are credited). */
export async function moveCredits(db: Db, fromPseudId: string, toPseudId: string): Promise<void> {
  await db
    .deleteFrom("creatorships")
    .where("pseud_id", "=", fromPseudId)
    .where("work_id", "in", (eb) =>
      eb.selectFrom("creatorships").select("work_id").where("pseud_id", "=", toPseudId),
    )
    .execute();
  await db
    .updateTable("creatorships")
    .set({ pseud_id: toPseudId })
    .where("pseud_id", "=", fromPseudId)
    .execute();
}

/** Ids of works credited only to pseuds of `userId`. */
export async function soleWorkIdsOfUser(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("creatorships")
    .innerJoin("pseuds", "pseuds.id", "creatorships.pseud_id")
    .select("creatorships.work_id")
    .groupBy("creatorships.work_id")
    .having((eb) =>
      eb(
        eb.fn.count("creatorships.pseud_id"),
        "=",
        eb.fn.sum(eb.case().when("pseuds.user_id", "=", userId).then(1).else(0).end()),
      ),
    )
    .where("creatorships.work_id", "in", (eb) =>
      eb
        .selectFrom("creatorships as c2")
        .innerJoin("pseuds as p2", "p2.id", "c2.pseud_id")
        .select("c2.work_id")
        .where("p2.user_id", "=", userId),
    )
    .execute();
  return rows.map((r) => r.work_id);
}

/** Which works a listing shows. */
export type WorkScope =
  | { kind: "user"; userId: string }
  | { kind: "pseud"; pseudId: string }
  | { kind: "tags"; tagIds: string[] }
  | { kind: "drafts"; userId: string }
  | { kind: "all" };

function scoped(db: Db, actor: Actor, scope: WorkScope) {
  let q = db.selectFrom("works");
  if (scope.kind === "drafts") {
    q = q.where("works.posted", "=", 0);
  } else {
    q = q.where(listedWorks(actor));
  }
  if (scope.kind === "user" || scope.kind === "drafts") {
    q = q.where("works.id", "in", (eb) =>
      eb
        .selectFrom("creatorships")
        .innerJoin("pseuds", "pseuds.id", "creatorships.pseud_id")
        .select("creatorships.work_id")
        .where("pseuds.user_id", "=", scope.userId),
    );
  } else if (scope.kind === "pseud") {
    q = q.where("works.id", "in", (eb) =>
      eb.selectFrom("creatorships").select("work_id").where("pseud_id", "=", scope.pseudId),
    );
  } else if (scope.kind === "tags") {
    q = q.where("works.id", "in", (eb) =>
      eb.selectFrom("work_tags").select("work_id").where("tag_id", "in", scope.tagIds),
    );
  }
  return q;
}

/** One page of a listing, newest first (by last update; drafts by last edit), and the total. */
export async function listWorkIds(
  db: Db,
  actor: Actor,
  scope: WorkScope,
  page: { limit: number; offset: number },
): Promise<{ ids: string[]; total: number }> {
  const order = scope.kind === "drafts" ? "works.updated_at" : "works.revised_at";
  const [rows, count] = await Promise.all([
    scoped(db, actor, scope)
      .select("works.id")
      .orderBy(order, "desc")
      .orderBy("works.id", "desc")
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    scoped(db, actor, scope)
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .executeTakeFirst(),
  ]);
  return { ids: rows.map((r) => r.id), total: Number(count?.n ?? 0) };
}

export async function setCrossover(db: Db, id: string, crossover: boolean): Promise<void> {
  await db
    .updateTable("works")
    .set({ crossover: crossover ? 1 : 0 })
    .where("id", "=", id)
    .execute();
}

/** The works credited to the pseud `pseudId`. */
export async function workIdsOfPseud(db: Db, pseudId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("creatorships")
    .select("work_id")
    .where("pseud_id", "=", pseudId)
    .execute();
  return rows.map((r) => r.work_id);
}

/** The works credited to any pseud of the user `userId`. */
export async function workIdsOfUser(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("creatorships")
    .innerJoin("pseuds", "pseuds.id", "creatorships.pseud_id")
    .select("creatorships.work_id")
    .distinct()
    .where("pseuds.user_id", "=", userId)
    .execute();
  return rows.map((r) => r.work_id);
}

/** What the work index keeps of a work (see src/domains/search/work-index.ts). */
export interface WorkIndexRow {
  doc: number;
  posted: number;
  hidden_by_admin: number;
  restricted: number;
  complete: number;
  crossover: number;
  language: string;
  revised_at: string | null;
  published_at: string | null;
  word_count: number;
  kudos_count: number;
  hit_count: number;
  comment_count: number;
  bookmark_count: number;
  title_sort: string;
  creator_name: string | null;
}

function indexRows(db: Db) {
  return db
    .selectFrom("works")
    .leftJoin("creatorships", (join) =>
      join.onRef("creatorships.work_id", "=", "works.id").on("creatorships.position", "=", 0),
    )
    .leftJoin("pseuds", "pseuds.id", "creatorships.pseud_id")
    .select([
      "works.doc",
      "works.posted",
      "works.hidden_by_admin",
      "works.restricted",
      "works.complete",
      "works.crossover",
      "works.language",
      "works.revised_at",
      "works.published_at",
      "works.word_count",
      "works.kudos_count",
      "works.hit_count",
      "works.comment_count",
      "works.bookmark_count",
      "works.title_sort",
      "pseuds.name_key as creator_name",
    ]);
}

/** Index rows of the works numbered `docs`. */
export async function workIndexRows(db: Db, docs: readonly number[]): Promise<WorkIndexRow[]> {
  if (docs.length === 0) return [];
  return indexRows(db)
    .where("works.doc", "in", [...docs])
    .execute();
}

/** Index rows of the listed works numbered after `after`, up to `through`. */
export async function listedWorkIndexRows(db: Db, after: number, through: number): Promise<WorkIndexRow[]> {
  return indexRows(db)
    .where("works.doc", ">", after)
    .where("works.doc", "<=", through)
    .where("works.posted", "=", 1)
    .where("works.hidden_by_admin", "=", 0)
    .execute();
}

/** The highest work number (0 with no works). */
export async function lastWorkDoc(db: Db): Promise<number> {
  const row = await db
    .selectFrom("works")
    .select((eb) => eb.fn.max("doc").as("doc"))
    .executeTakeFirst();
  return Number(row?.doc ?? 0);
}

/** The numbers of the works credited to any pseud of the user `userId`. */
export async function docsOfUser(db: Db, userId: string): Promise<number[]> {
  const rows = await db
    .selectFrom("works")
    .innerJoin("creatorships", "creatorships.work_id", "works.id")
    .innerJoin("pseuds", "pseuds.id", "creatorships.pseud_id")
    .select("works.doc")
    .distinct()
    .where("pseuds.user_id", "=", userId)
    .execute();
  return rows.map((r) => r.doc);
}

/** The numbers of the works credited to the pseud `pseudId`. */
export async function docsOfPseud(db: Db, pseudId: string): Promise<number[]> {
  const rows = await db
    .selectFrom("works")
    .innerJoin("creatorships", "creatorships.work_id", "works.id")
    .select("works.doc")
    .where("creatorships.pseud_id", "=", pseudId)
    .execute();
  return rows.map((r) => r.doc);
}

/**
 * The works numbered `docs` (a page of a listing), in that order, less any the actor may not find in a
 * listing: the database has the last word even if a process's index has not caught up yet.
 */
export async function findWorksByDocs(db: Db, actor: Actor, docs: readonly number[]): Promise<Work[]> {
  if (docs.length === 0) return [];
  const rows = await db
    .selectFrom("works")
    .selectAll()
    .where("doc", "in", [...docs])
    .where(listedWorks(actor))
    .execute();
  const byDoc = new Map(rows.map((r) => [r.doc, workFromRow(r)]));
  return docs.flatMap((doc) => byDoc.get(doc) ?? []);
}
