// Use cases about series: show one (only the works the viewer may see), edit its details, reorder
// its works. Works join a series from the work form (works/work.service.ts).
import { noteColumns } from "../works/html-columns.js";
import { Forbidden, Invalid, NotFound, Unauthorized } from "../../lib/errors.js";
import { nowIso } from "../../lib/time.js";
import { parseInput } from "../../lib/validate.js";
import type { Actor } from "../actor.js";
import { inTransaction, type Ctx } from "../context.js";
import type { Creator, WorkDetail } from "../works/work.js";
import { loadDetails, restrictedMessage } from "../works/work.queries.js";
import * as works from "../works/work.repo.js";
import { renumberSeries } from "../works/work.service.js";
import { isCreator, workAccess } from "../works/work.visibility.js";
import type { Series } from "./series.js";
import * as series from "./series.repo.js";
import { seriesOrderSchema, seriesSchema } from "./series.schema.js";

export const messages = {
  notFound: "We couldn't find that series.",
  notYours: "You can only change series you created.",
  orderMismatch: "The new order must list every work in the series exactly once.",
};

export interface SeriesPage {
  series: Series;
  creators: Creator[];
  /** The works the viewer may see, in order, with their positions. */
  works: (WorkDetail & { position: number })[];
  wordCount: number;
  owner: boolean;
}

/** A series as `actor` may see it. A series whose works are all hidden from a guest asks them to log in. */
export async function showSeries(ctx: Ctx, actor: Actor, id: string): Promise<SeriesPage> {
  const found = await series.findSeriesById(ctx.db, id);
  if (!found) throw new NotFound(messages.notFound);
  const creators = await series.seriesCreators(ctx.db, id);
  const members = await series.serialWorks(ctx.db, id);
  const list = await works.findWorksByIds(
    ctx.db,
    members.map((m) => m.work_id),
  );
  const details = await loadDetails(ctx, list);
  const visible = details.filter(
    (d) =>
      workAccess(actor, d.work, d.creators) === "visible" && (d.work.posted || isCreator(actor, d.creators)),
  );
  const owner = isCreator(actor, creators);
  if (visible.length === 0 && !owner) {
    if (details.some((d) => workAccess(actor, d.work, d.creators) === "log-in"))
      throw new Unauthorized(restrictedMessage);
    throw new NotFound(messages.notFound);
  }
  const position = new Map(members.map((m) => [m.work_id, m.position]));
  return {
    series: found,
    creators,
    works: visible.map((d) => ({ ...d, position: position.get(d.work.id) ?? 0 })),
    wordCount: visible.reduce((n, d) => n + d.work.wordCount, 0),
    owner,
  };
}

async function findOwnSeries(tx: Ctx, actor: Actor, id: string): Promise<Series> {
  const found = await series.findSeriesById(tx.db, id);
  if (!found) throw new NotFound(messages.notFound);
  if (!isCreator(actor, await series.seriesCreators(tx.db, id))) throw new Forbidden(messages.notYours);
  return found;
}

/** Edits a series' title, summary, notes and completion. */
export async function editSeries(ctx: Ctx, actor: Actor, id: string, input: unknown): Promise<Series> {
  const data = parseInput(seriesSchema(ctx.config), input);
  return inTransaction(ctx, async (tx) => {
    await findOwnSeries(tx, actor, id);
    await series.updateSeries(tx.db, id, {
      title: data.title,
      ...noteColumns({ summary: data.summary, notes: data.notes }, data.text_format),
      complete: data.complete ? 1 : 0,
      updated_at: nowIso(tx.now()),
    });
    return (await series.findSeriesById(tx.db, id))!;
  });
}

/** Puts a series' works in the order given (every work id, once). */
export async function reorderSeries(ctx: Ctx, actor: Actor, id: string, input: unknown): Promise<void> {
  const data = parseInput(seriesOrderSchema, input);
  await inTransaction(ctx, async (tx) => {
    await findOwnSeries(tx, actor, id);
    await series.lockSeries(tx.db, tx.dialect, id);
    const members = await series.serialWorks(tx.db, id);
    const ids = data.work_ids;
    if (
      ids.length !== members.length ||
      new Set(ids).size !== ids.length ||
      !members.every((m) => ids.includes(m.work_id))
    )
      throw new Invalid({ work_ids: messages.orderMismatch });
    await renumberSeries(tx, id, ids);
    await series.updateSeries(tx.db, id, { updated_at: nowIso(tx.now()) });
  });
}

/** The series the actor created (for the work form's series menu). */
export function listOwnSeries(ctx: Ctx, actor: Actor): Promise<Series[]> {
  if (actor.kind !== "user") return Promise.resolve([]);
  return series.listSeriesOfUser(ctx.db, actor.user.id);
}
