// Page handlers for chapters: add, edit, post a draft chapter, delete, and reorder.
import type { FastifyReply, FastifyRequest } from "fastify";
import { h } from "preact";
import { Invalid, NotFound } from "../../lib/errors.js";
import { redirectWithFlash } from "../../http/middleware/flash.js";
import { sendPage } from "../../http/render.js";
import { formBody, orFormAgain, type Handler } from "../../http/route.js";
import type { Ctx } from "../context.js";
import { chapterHeading } from "../works/work.js";
import { findOwnWork } from "../works/work.service.js";
import { commitOf, formFields } from "../works/work.web.js";
import { orderFromForm, type FormValues } from "../works/views/form-parts.js";
import { chapterPath, workPath } from "../works/views/paths.js";
import * as chapterRepo from "./chapter.repo.js";
import * as chapters from "./chapter.service.js";
import { ChapterForm, DeleteChapterPage, ManageChaptersPage } from "./views/chapter-pages.js";

function ids(request: FastifyRequest) {
  return request.params as { id: string; chapterId: string };
}

async function ownChapter(ctx: Ctx, request: FastifyRequest) {
  const { work } = await findOwnWork(ctx, request.actor, ids(request).id, "edit");
  const chapter = await chapterRepo.findChapter(ctx.db, work.id, ids(request).chapterId);
  if (!chapter) throw new NotFound(chapters.messages.notFound);
  return { work, chapter };
}

async function newForm(
  ctx: Ctx,
  request: FastifyRequest,
  reply: FastifyReply,
  values?: FormValues,
  errors?: Record<string, string>,
  status = 422,
) {
  const { work } = await findOwnWork(ctx, request.actor, ids(request).id, "addChapter");
  const count = (await chapterRepo.listChapterSummaries(ctx.db, work.id)).length;
  const expected = work.expectedChapters === null ? "?" : String(Math.max(work.expectedChapters, count + 1));
  return sendPage(
    request,
    reply,
    `New chapter of ${work.title}`,
    h(ChapterForm, {
      work,
      position: count + 1,
      values: values ?? { expected_chapters: expected, text_format: "html" },
      errors,
      limits: ctx.config,
    }),
    errors ? status : 200,
  );
}

export const showNewChapterForm: Handler = (ctx, request, reply) => newForm(ctx, request, reply);

export const createChapter: Handler = async (ctx, request, reply) => {
  const values = formFields(request);
  const draft = commitOf(request) === "draft";
  const chapter = await orFormAgain(
    () => chapters.addChapter(ctx, request.actor, ids(request).id, values, { draft }),
    (e, status) => newForm(ctx, request, reply, values, e.fields, status),
    { keepOnLimit: true },
  );
  if (!chapter) return reply;
  return redirectWithFlash(
    request,
    reply,
    chapterPath(chapter.workId, chapter.id),
    chapter.posted ? "Your chapter was posted." : "Your chapter was saved as a draft.",
  );
};

async function editForm(
  ctx: Ctx,
  request: FastifyRequest,
  reply: FastifyReply,
  values?: FormValues,
  errors?: Record<string, string>,
) {
  const { work, chapter } = await ownChapter(ctx, request);
  return sendPage(
    request,
    reply,
    `Edit ${chapterHeading(chapter)} of ${work.title}`,
    h(ChapterForm, {
      work,
      chapter,
      position: chapter.position,
      values: values ?? {
        title: chapter.title,
        summary: chapter.summary,
        notes: chapter.notes,
        endnotes: chapter.endnotes,
        text: chapter.content,
        text_format: "html",
        expected_chapters: work.expectedChapters === null ? "?" : String(work.expectedChapters),
      },
      errors,
      limits: ctx.config,
    }),
    errors ? 422 : 200,
  );
}

export const showEditChapterForm: Handler = (ctx, request, reply) => editForm(ctx, request, reply);

export const updateChapter: Handler = async (ctx, request, reply) => {
  const values = formFields(request);
  const post = commitOf(request) === "post";
  const chapter = await orFormAgain(
    () => chapters.editChapter(ctx, request.actor, ids(request).id, ids(request).chapterId, values, { post }),
    (e) => editForm(ctx, request, reply, values, e.fields),
  );
  if (!chapter) return reply;
  return redirectWithFlash(
    request,
    reply,
    chapterPath(chapter.workId, chapter.id),
    post ? "Your chapter was posted." : "Your chapter was updated.",
  );
};

export const confirmDeleteChapter: Handler = async (ctx, request, reply) => {
  const { work, chapter } = await ownChapter(ctx, request);
  const all = await chapterRepo.listChapterSummaries(ctx.db, work.id);
  return sendPage(
    request,
    reply,
    `Delete ${chapterHeading(chapter)}`,
    h(DeleteChapterPage, { work, chapter, error: chapters.deleteRefusal(work, all, chapter.id) }),
  );
};

export const deleteChapter: Handler = async (ctx, request, reply) => {
  const { work, chapter } = await ownChapter(ctx, request);
  try {
    await chapters.deleteChapter(ctx, request.actor, work.id, chapter.id);
  } catch (err) {
    if (err instanceof Invalid) {
      return sendPage(
        request,
        reply,
        `Delete ${chapterHeading(chapter)}`,
        h(DeleteChapterPage, { work, chapter, error: err.fields.chapter }),
        422,
      );
    }
    throw err;
  }
  return redirectWithFlash(request, reply, workPath(work.id), `${chapterHeading(chapter)} was deleted.`);
};

export const showManageChapters: Handler = async (ctx, request, reply) => {
  const { work } = await findOwnWork(ctx, request.actor, ids(request).id, "edit");
  const list = await chapterRepo.listChapterSummaries(ctx.db, work.id);
  return sendPage(
    request,
    reply,
    `Manage chapters of ${work.title}`,
    h(ManageChaptersPage, { work, chapters: list }),
  );
};

export const reorderChapters: Handler = async (ctx, request, reply) => {
  const { work } = await findOwnWork(ctx, request.actor, ids(request).id, "edit");
  const list = await chapterRepo.listChapterSummaries(ctx.db, work.id);
  const body = formBody(request);
  const order = orderFromForm(body, list);
  if (!order) {
    return sendPage(
      request,
      reply,
      `Manage chapters of ${work.title}`,
      h(ManageChaptersPage, {
        work,
        chapters: list,
        error: `Give every chapter a number from 1 to ${list.length}.`,
      }),
      422,
    );
  }
  await chapters.reorderChapters(ctx, request.actor, work.id, { chapter_ids: order });
  return redirectWithFlash(request, reply, `${workPath(work.id)}/navigate`, "The chapters were reordered.");
};
