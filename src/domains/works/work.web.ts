// Page handlers for works: the posting and edit forms, reading (one chapter, the entire work, the
// chapter index) behind the adult content notice, post a draft, delete, orphan.
import type { FastifyReply, FastifyRequest } from "fastify";
import { h } from "preact";
import { cookieOptions } from "../../http/middleware/cookies.js";
import { redirectWithFlash } from "../../http/middleware/flash.js";
import { sendPage } from "../../http/render.js";
import { formBody, orFormAgain, safeReturnPath, type Handler } from "../../http/route.js";
import type { Actor } from "../actor.js";
import type { Ctx } from "../context.js";
import { blockedTargets } from "../blocklist/blocklist.service.js";
import { importSuggestionsForWork } from "../import/import.service.js";
import { suggestionNotes } from "../import/views/suggestions.js";
import * as chapterRepo from "../chapters/chapter.repo.js";
import { listOwnSeries } from "../series/series.service.js";
import { fixedTagByName } from "../tags/fixed-tags.js";
import type { Preferences } from "../users/preference.repo.js";
import { preferencesOf } from "../users/preference.service.js";
import { listPseuds } from "../users/pseud.service.js";
import { recordHit } from "./hit.service.js";
import type { Chapter, WorkDetail } from "./work.js";
import {
  findWorkForReading,
  readAllChapters,
  readChapter,
  seriesNeighbours,
  type WorkForReading,
} from "./work.queries.js";
import * as works from "./work.service.js";
import { isCreator } from "./work.visibility.js";
import type { FormValues } from "./views/form-parts.js";
import { day, workPath } from "./views/paths.js";
import { WorkForm } from "./views/work-form.js";
import {
  AdultNoticePage,
  ChapterIndexPage,
  DeleteWorkPage,
  OrphanWorkPage,
  WorkPage,
  readingSizes,
  type ReadingSize,
} from "./views/work-page.js";

const ADULT_COOKIE = "quire_adult";
const SIZE_COOKIE = "quire_reading_size";

function workId(request: FastifyRequest): string {
  return (request.params as { id: string }).id;
}

/** What the form sent, strings and lists of strings, without the CSRF token and the button pressed. */
export function formFields(request: FastifyRequest): FormValues {
  const values: FormValues = {};
  for (const [key, value] of Object.entries(formBody(request))) {
    if (key === "_csrf" || key === "commit") continue;
    if (typeof value === "string") values[key] = value;
    else if (Array.isArray(value)) values[key] = value.filter((v): v is string => typeof v === "string");
  }
  return values;
}

/** Which submit button was pressed (commit=post, draft, preview, update). */
export function commitOf(request: FastifyRequest): string {
  const commit = formBody(request).commit;
  return typeof commit === "string" ? commit : "";
}

async function formContext(ctx: Ctx, actor: Actor) {
  if (actor.kind !== "user") return { pseuds: [], series: [] };
  return { pseuds: await listPseuds(ctx, actor.user.id), series: await listOwnSeries(ctx, actor) };
}

export const showNewWorkForm: Handler = async (ctx, request, reply) => {
  const values: FormValues = { language: "en", comment_permissions: "users", expected_chapters: "1" };
  return sendPage(
    request,
    reply,
    "Post new work",
    h("section", {}, [
      h("h1", {}, "Post new work"),
      h(WorkForm, { ...(await formContext(ctx, request.actor)), showText: true, values, limits: ctx.config }),
    ]),
  );
};

export const createWork: Handler = async (ctx, request, reply) => {
  const values = formFields(request);
  const commit = commitOf(request);
  const action = commit === "draft" || commit === "preview" ? "draft" : "post";
  const work = await orFormAgain(
    () => works.postWork(ctx, request.actor, values, action),
    async (e, status) =>
      sendPage(
        request,
        reply,
        "Post new work",
        h("section", {}, [
          h("h1", {}, "Post new work"),
          h(WorkForm, {
            ...(await formContext(ctx, request.actor)),
            showText: true,
            values,
            errors: e.fields,
            limits: ctx.config,
          }),
        ]),
        status,
      ),
    { keepOnLimit: true },
  );
  if (!work) return reply;
  const message =
    commit === "preview"
      ? "This is a preview of your work, saved as a draft. Post it when it's ready, or edit it."
      : action === "draft"
        ? "Your draft was saved. Only you can see it."
        : "Your work was posted.";
  return redirectWithFlash(request, reply, workPath(work.id), message);
};

function isAdult(detail: WorkDetail): boolean {
  const rating = detail.tags.rating[0];
  return !rating || (fixedTagByName("rating", rating.name)?.adult ?? true);
}

/** Sends the adult content notice when this reader should see it first; answers whether it did. */
async function adultNotice(
  request: FastifyRequest,
  reply: FastifyReply,
  reading: WorkForReading,
  prefs: Preferences,
) {
  const { detail } = reading;
  const actor = request.actor;
  if (!isAdult(detail)) return false;
  if (isCreator(actor, detail.creators) || (actor.kind === "user" && actor.user.isAdmin)) return false;
  if (request.cookies[ADULT_COOKIE] === "1") return false;
  const query = request.query as Record<string, string | undefined>;
  if (query.view_adult === "true") {
    reply.setCookie(ADULT_COOKIE, "1", cookieOptions(request));
    return false;
  }
  if (prefs.viewAdult) return false;
  const url = new URL(request.url, "http://x");
  url.searchParams.set("view_adult", "true");
  await sendPage(
    request,
    reply,
    "Adult content notice",
    h(AdultNoticePage, { detail, proceed: url.pathname + url.search, loggedIn: actor.kind === "user" }),
  );
  return true;
}

function readingSize(request: FastifyRequest): ReadingSize {
  const size = request.cookies[SIZE_COOKIE] as ReadingSize | undefined;
  return size && readingSizes.includes(size) ? size : "m";
}

async function renderReading(
  ctx: Ctx,
  request: FastifyRequest,
  reply: FastifyReply,
  reading: WorkForReading,
  which: { chapterId?: string; chapter?: Chapter; entire?: boolean },
) {
  const prefs = await preferencesOf(ctx, request.actor);
  if (await adultNotice(request, reply, reading, prefs)) return reply;
  const { detail, chapters } = reading;
  const entire =
    which.chapterId === undefined && (which.entire === true || prefs.viewFullWorks || chapters.length <= 1);
  const shown = entire
    ? await readAllChapters(ctx, reading)
    : [which.chapter ?? (await readChapter(ctx, reading, which.chapterId ?? chapters[0]!.id))];
  await recordHit(ctx, request.actor, detail, request.ip);
  const owner = isCreator(request.actor, detail.creators);
  const title =
    entire || chapters.length <= 1
      ? detail.work.title
      : `${detail.work.title} - Chapter ${shown[0]!.position}`;
  return sendPage(
    request,
    reply,
    title,
    h(WorkPage, {
      detail,
      series: await seriesNeighbours(ctx, request.actor, detail),
      chapters,
      shown,
      entire: entire && chapters.length > 1,
      owner,
      size: readingSize(request),
      path: request.url,
      // Readers get Block buttons (one query for all of them); creators and guests none.
      blocked: request.actor.kind === "user" && !owner ? await blockedTargets(ctx, request.actor) : null,
    }),
  );
}

export const showWork: Handler = async (ctx, request, reply) => {
  const reading = await findWorkForReading(ctx, request.actor, workId(request));
  if (reading.chapters.length === 0) {
    return sendPage(request, reply, reading.detail.work.title, h("p", {}, "This work has no chapters yet."));
  }
  const query = request.query as Record<string, string | undefined>;
  return renderReading(ctx, request, reply, reading, { entire: query.view_full_work === "true" });
};

export const showChapter: Handler = async (ctx, request, reply) => {
  const reading = await findWorkForReading(ctx, request.actor, workId(request));
  const chapterId = (request.params as { chapterId: string }).chapterId;
  // Read before the adult notice, so an unknown chapter is a 404 rather than a notice.
  const chapter = await readChapter(ctx, reading, chapterId);
  return renderReading(ctx, request, reply, reading, { chapterId, chapter });
};

export const showChapterIndex: Handler = async (ctx, request, reply) => {
  const reading = await findWorkForReading(ctx, request.actor, workId(request));
  return sendPage(
    request,
    reply,
    `Chapter index for ${reading.detail.work.title}`,
    h(ChapterIndexPage, { detail: reading.detail, chapters: reading.chapters }),
  );
};

/** The edit form's values from the stored work. */
async function storedValues(ctx: Ctx, actor: Actor, detail: WorkDetail): Promise<FormValues> {
  const w = detail.work;
  const first = await chapterRepo.findChapterAt(ctx.db, w.id, 1);
  const names = (type: keyof WorkDetail["tags"]) => detail.tags[type].map((t) => t.name);
  const mine = detail.creators.filter((c) => actor.kind === "user" && c.userId === actor.user.id);
  return {
    title: w.title,
    pseud_ids: mine.map((c) => c.pseudId),
    rating: names("rating")[0] ?? "",
    warnings: names("archive_warning"),
    categories: names("category"),
    fandoms: names("fandom").join(", "),
    relationships: names("relationship").join(", "),
    characters: names("character").join(", "),
    freeforms: names("freeform").join(", "),
    summary: w.summary,
    notes: w.notes,
    endnotes: w.endnotes,
    language: w.language,
    expected_chapters: w.expectedChapters === null ? "?" : String(w.expectedChapters),
    chapter_title: first?.title ?? "",
    backdate: w.backdated ? "on" : undefined,
    published_on: w.backdated ? day(w.publishedAt) : "",
    restricted: w.restricted ? "on" : undefined,
    comment_permissions: w.commentPermissions,
    text: first?.content ?? "",
    text_format: "html",
  };
}

async function editFormPage(
  ctx: Ctx,
  request: FastifyRequest,
  reply: FastifyReply,
  values: FormValues | undefined,
  errors?: Record<string, string>,
) {
  const { work } = await works.findOwnWork(ctx, request.actor, workId(request), "edit");
  const reading = await findWorkForReading(ctx, request.actor, work.id);
  const chapterTotal = reading.chapters.length;
  // An imported draft under review: mark what the importer suggested from the text.
  const suggestions = work.posted ? undefined : await importSuggestionsForWork(ctx, work.id);
  return sendPage(
    request,
    reply,
    `Edit ${work.title}`,
    h("section", {}, [
      h("h1", {}, ["Edit ", h("a", { href: workPath(work.id) }, work.title)]),
      h(WorkForm, {
        ...(await formContext(ctx, request.actor)),
        workId: work.id,
        draft: !work.posted,
        showText: chapterTotal <= 1,
        currentSeries: reading.detail.series.map((s) => ({ id: s.id, title: s.title })),
        values: values ?? (await storedValues(ctx, request.actor, reading.detail)),
        errors,
        limits: ctx.config,
        fieldNotes: suggestionNotes(suggestions),
      }),
    ]),
    errors ? 422 : 200,
  );
}

export const showEditWorkForm: Handler = (ctx, request, reply) =>
  editFormPage(ctx, request, reply, undefined);

export const updateWork: Handler = async (ctx, request, reply) => {
  const values = formFields(request);
  const post = commitOf(request) === "post";
  const work = await orFormAgain(
    () => works.editWork(ctx, request.actor, workId(request), values, { post }),
    (e) => editFormPage(ctx, request, reply, values, e.fields),
  );
  if (!work) return reply;
  return redirectWithFlash(
    request,
    reply,
    workPath(work.id),
    post ? "Your work was posted." : work.posted ? "Your work was updated." : "Your draft was saved.",
  );
};

export const postDraftWork: Handler = async (ctx, request, reply) => {
  const work = await works.postDraft(ctx, request.actor, workId(request));
  return redirectWithFlash(request, reply, workPath(work.id), "Your work was posted.");
};

export const confirmDeleteWork: Handler = async (ctx, request, reply) => {
  await works.findOwnWork(ctx, request.actor, workId(request), "delete");
  const reading = await findWorkForReading(ctx, request.actor, workId(request));
  return sendPage(
    request,
    reply,
    `Delete ${reading.detail.work.title}`,
    h(DeleteWorkPage, { detail: reading.detail }),
  );
};

export const deleteWork: Handler = async (ctx, request, reply) => {
  const { work } = await works.findOwnWork(ctx, request.actor, workId(request), "delete");
  await works.deleteWork(ctx, request.actor, work.id);
  const username = request.actor.kind === "user" ? request.actor.user.username : "";
  return redirectWithFlash(
    request,
    reply,
    `/users/${encodeURIComponent(username)}/works`,
    `“${work.title}” was deleted.`,
  );
};

export const confirmOrphanWork: Handler = async (ctx, request, reply) => {
  await works.findOwnWork(ctx, request.actor, workId(request), "orphan");
  const reading = await findWorkForReading(ctx, request.actor, workId(request));
  return sendPage(
    request,
    reply,
    `Orphan ${reading.detail.work.title}`,
    h(OrphanWorkPage, { detail: reading.detail }),
  );
};

export const orphanWork: Handler = async (ctx, request, reply) => {
  const keepPseudName = formBody(request).keep_pseud === "yes";
  await works.orphanWork(ctx, request.actor, workId(request), { keepPseudName });
  return redirectWithFlash(request, reply, workPath(workId(request)), "The work was orphaned.");
};

/** Sets the reading text size (a cookie) and goes back to the page. */
export const setReadingSize: Handler = async (_ctx, request, reply) => {
  const query = request.query as Record<string, string | undefined>;
  const size = query.size as ReadingSize | undefined;
  if (size && readingSizes.includes(size))
    reply.setCookie(SIZE_COOKIE, size, cookieOptions(request, 365 * 24 * 3600));
  return reply.redirect(safeReturnPath(query.return_to), 303);
};
