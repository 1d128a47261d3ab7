// Page handlers for series: the series page, its edit form, and reordering its works.
import type { FastifyReply, FastifyRequest } from "fastify";
import { h } from "preact";
import { Forbidden } from "../../lib/errors.js";
import { redirectWithFlash } from "../../http/middleware/flash.js";
import { sendPage } from "../../http/render.js";
import { formBody, orFormAgain, type Handler } from "../../http/route.js";
import type { Ctx } from "../context.js";
import { orderFromForm, type FormValues } from "../works/views/form-parts.js";
import { seriesPath } from "../works/views/paths.js";
import { formFields } from "../works/work.web.js";
import { blockedTargets } from "../blocklist/blocklist.service.js";
import { BlockedTargetsCtx } from "../blocklist/views/block-button.js";
import * as series from "./series.service.js";
import { ManageSeriesPage, SeriesForm, SeriesPage } from "./views/series-pages.js";

function seriesId(request: FastifyRequest): string {
  return (request.params as { id: string }).id;
}

async function ownSeries(ctx: Ctx, request: FastifyRequest) {
  const data = await series.showSeries(ctx, request.actor, seriesId(request));
  if (!data.owner) throw new Forbidden(series.messages.notYours);
  return data;
}

export const showSeries: Handler = async (ctx, request, reply) => {
  const data = await series.showSeries(ctx, request.actor, seriesId(request));
  // The parts stay listed (the series is its creator's order), their Block buttons showing what is blocked.
  const blocked = await blockedTargets(ctx, request.actor);
  return sendPage(
    request,
    reply,
    data.series.title,
    h(BlockedTargetsCtx.Provider, { value: blocked }, h(SeriesPage, { data })),
  );
};

async function editForm(
  ctx: Ctx,
  request: FastifyRequest,
  reply: FastifyReply,
  values?: FormValues,
  errors?: Record<string, string>,
) {
  const { series: s } = await ownSeries(ctx, request);
  return sendPage(
    request,
    reply,
    `Edit ${s.title}`,
    h(SeriesForm, {
      series: s,
      values: values ?? {
        title: s.title,
        summary: s.summary,
        notes: s.notes,
        complete: s.complete ? "on" : undefined,
      },
      errors,
      limits: ctx.config,
    }),
    errors ? 422 : 200,
  );
}

export const showEditSeriesForm: Handler = (ctx, request, reply) => editForm(ctx, request, reply);

export const updateSeries: Handler = async (ctx, request, reply) => {
  const values = formFields(request);
  const saved = await orFormAgain(
    () => series.editSeries(ctx, request.actor, seriesId(request), values),
    (e) => editForm(ctx, request, reply, values, e.fields),
  );
  if (!saved) return reply;
  return redirectWithFlash(request, reply, seriesPath(saved.id), "The series was updated.");
};

export const showManageSeries: Handler = async (ctx, request, reply) => {
  const data = await ownSeries(ctx, request);
  return sendPage(request, reply, `Reorder ${data.series.title}`, h(ManageSeriesPage, { data }));
};

export const reorderSeries: Handler = async (ctx, request, reply) => {
  const data = await ownSeries(ctx, request);
  const body = formBody(request);
  const n = data.works.length;
  const order = orderFromForm(
    body,
    data.works.map((d) => ({ id: d.work.id, position: d.position })),
  );
  if (!order) {
    return sendPage(
      request,
      reply,
      `Reorder ${data.series.title}`,
      h(ManageSeriesPage, { data, error: `Give every work a number from 1 to ${n}.` }),
      422,
    );
  }
  await orFormAgain(
    () => series.reorderSeries(ctx, request.actor, data.series.id, { work_ids: order }),
    (e, status) =>
      sendPage(
        request,
        reply,
        `Reorder ${data.series.title}`,
        h(ManageSeriesPage, { data, error: Object.values(e.fields)[0] ?? e.message }),
        status,
      ),
  );
  if (reply.sent) return reply; // the form came back with a message
  return redirectWithFlash(request, reply, seriesPath(data.series.id), "The series was reordered.");
};
