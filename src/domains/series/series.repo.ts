// The only SQL about the series, series_creatorships and serial_works tables.
import type { Kysely, Selectable, Updateable } from "kysely";
import type { Database, SeriesTable } from "../../db/schema.js";
import type { Creator } from "../works/work.js";
import type { Series } from "./series.js";

type Db = Kysely<Database>;
export type SeriesRow = Selectable<SeriesTable>;

export function seriesFromRow(row: SeriesRow): Series {
  return {
    id: row.id,
    title: row.title,
    summary: row.summary,
    notes: row.notes,
    complete: row.complete === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function findSeriesById(db: Db, id: string): Promise<Series | undefined> {
  const row = await db.selectFrom("series").selectAll().where("id", "=", id).executeTakeFirst();
  return row && seriesFromRow(row);
}

/** Locks a series row until the transaction ends (PostgreSQL; SQLite writes one at a time). */
export async function lockSeries(db: Db, dialect: "sqlite" | "postgres", id: string): Promise<void> {
  if (dialect !== "postgres") return;
  await db.selectFrom("series").select("id").where("id", "=", id).forUpdate().execute();
}

export async function insertSeries(db: Db, row: SeriesRow, pseudIds: readonly string[]): Promise<void> {
  await db.insertInto("series").values(row).execute();
  await addSeriesCreators(db, row.id, pseudIds);
}

export async function addSeriesCreators(
  db: Db,
  seriesId: string,
  pseudIds: readonly string[],
): Promise<void> {
  for (const pseud_id of pseudIds) {
    await db
      .insertInto("series_creatorships")
      .values({ series_id: seriesId, pseud_id })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

export async function updateSeries(db: Db, id: string, changes: Updateable<SeriesTable>): Promise<void> {
  await db.updateTable("series").set(changes).where("id", "=", id).execute();
}

export async function deleteSeries(db: Db, id: string): Promise<void> {
  await db.deleteFrom("series").where("id", "=", id).execute();
}

export async function seriesCreators(db: Db, seriesId: string): Promise<Creator[]> {
  const rows = await db
    .selectFrom("series_creatorships")
    .innerJoin("pseuds", "pseuds.id", "series_creatorships.pseud_id")
    .innerJoin("users", "users.id", "pseuds.user_id")
    .select(["pseuds.id as pseud_id", "pseuds.name as pseud_name", "users.id as user_id", "users.username"])
    .where("series_creatorships.series_id", "=", seriesId)
    .orderBy("pseuds.name_key")
    .execute();
  return rows.map((r) => ({
    pseudId: r.pseud_id,
    pseudName: r.pseud_name,
    userId: r.user_id,
    username: r.username,
  }));
}

/** The series a user is a creator of, by title. */
export async function listSeriesOfUser(db: Db, userId: string): Promise<Series[]> {
  const rows = await db
    .selectFrom("series")
    .selectAll()
    .where("id", "in", (eb) =>
      eb
        .selectFrom("series_creatorships")
        .innerJoin("pseuds", "pseuds.id", "series_creatorships.pseud_id")
        .select("series_creatorships.series_id")
        .where("pseuds.user_id", "=", userId),
    )
    .execute();
  return rows.map(seriesFromRow).sort((a, b) => a.title.localeCompare(b.title));
}

/** The works of a series in order (ids and positions). */
export async function serialWorks(
  db: Db,
  seriesId: string,
): Promise<{ work_id: string; position: number }[]> {
  return db
    .selectFrom("serial_works")
    .select(["work_id", "position"])
    .where("series_id", "=", seriesId)
    .orderBy("position")
    .execute();
}

/** For each work, the series it is part of: series id, title and the work's position. */
export async function seriesOfWorks(
  db: Db,
  workIds: readonly string[],
): Promise<Map<string, { series_id: string; title: string; position: number }[]>> {
  const result = new Map<string, { series_id: string; title: string; position: number }[]>();
  if (workIds.length === 0) return result;
  const rows = await db
    .selectFrom("serial_works")
    .innerJoin("series", "series.id", "serial_works.series_id")
    .select(["serial_works.work_id", "serial_works.series_id", "series.title", "serial_works.position"])
    .where("serial_works.work_id", "in", [...workIds])
    .orderBy("series.created_at")
    .execute();
  for (const r of rows) {
    const list = result.get(r.work_id) ?? [];
    list.push({ series_id: r.series_id, title: r.title, position: r.position });
    result.set(r.work_id, list);
  }
  return result;
}

export async function addSerialWork(
  db: Db,
  seriesId: string,
  workId: string,
  position: number,
): Promise<void> {
  await db.insertInto("serial_works").values({ series_id: seriesId, work_id: workId, position }).execute();
}

export async function removeSerialWork(db: Db, seriesId: string, workId: string): Promise<void> {
  await db
    .deleteFrom("serial_works")
    .where("series_id", "=", seriesId)
    .where("work_id", "=", workId)
    .execute();
}

export async function setSerialPosition(
  db: Db,
  seriesId: string,
  workId: string,
  position: number,
): Promise<void> {
  await db
    .updateTable("serial_works")
    .set({ position })
    .where("series_id", "=", seriesId)
    .where("work_id", "=", workId)
    .execute();
}

/** Ids of series that have no works left. */
export async function emptySeriesIds(db: Db, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("series")
    .select("id")
    .where("id", "in", [...ids])
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("serial_works")
            .select("work_id")
            .whereRef("serial_works.series_id", "=", "series.id"),
        ),
      ),
    )
    .execute();
  return rows.map((r) => r.id);
}

/** Moves every series credit of `fromPseudId` to `toPseudId`. */
export async function moveSeriesCredits(db: Db, fromPseudId: string, toPseudId: string): Promise<void> {
  await db
    .deleteFrom("series_creatorships")
    .where("pseud_id", "=", fromPseudId)
    .where("series_id", "in", (eb) =>
      eb.selectFrom("series_creatorships").select("series_id").where("pseud_id", "=", toPseudId),
    )
    .execute();
  await db
    .updateTable("series_creatorships")
    .set({ pseud_id: toPseudId })
    .where("pseud_id", "=", fromPseudId)
    .execute();
}

/** Credits `toPseudId` instead of `fromPseudId` on one series. */
export async function replaceSeriesCreator(
  db: Db,
  seriesId: string,
  fromPseudId: string,
  toPseudId: string,
): Promise<void> {
  await db
    .deleteFrom("series_creatorships")
    .where("series_id", "=", seriesId)
    .where("pseud_id", "=", fromPseudId)
    .execute();
  await addSeriesCreators(db, seriesId, [toPseudId]);
}

/** The numbers of the works in a series (the work index's scope for the series' works listing). */
export async function docsOfSeries(db: Db, seriesId: string): Promise<number[]> {
  const rows = await db
    .selectFrom("serial_works")
    .innerJoin("works", "works.id", "serial_works.work_id")
    .select("works.doc")
    .where("serial_works.series_id", "=", seriesId)
    .execute();
  return rows.map((r) => r.doc);
}
