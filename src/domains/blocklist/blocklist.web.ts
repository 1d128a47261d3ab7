// Page handlers for /account/blocklist: the list with its add forms, adding (also from the "Block
// this …" buttons elsewhere, which come back where they were), and removing.
import type { FastifyReply, FastifyRequest } from "fastify";
import { h } from "preact";
import { redirectWithFlash } from "../../http/middleware/flash.js";
import { sendPage } from "../../http/render.js";
import { formBody, formValues, orFormAgain, safeReturnPath, type Handler } from "../../http/route.js";
import type { Ctx } from "../context.js";
import * as blocklist from "./blocklist.service.js";
import { blockedLabel } from "./blocklist.js";
import { BlocklistPage, type BlockFormState } from "./views/blocklist-page.js";

const TITLE = "Your blocklist";

async function page(
  ctx: Ctx,
  request: FastifyRequest,
  reply: FastifyReply,
  failed?: BlockFormState,
  status = 200,
) {
  const list = await blocklist.listBlocklist(ctx, request.actor);
  return sendPage(
    request,
    reply,
    TITLE,
    h(BlocklistPage, { blocklist: list, ...(failed ? { failed } : {}) }),
    status,
  );
}

/** `value` when it is a path on this site, else `fallback`. */
function returnPath(value: string | undefined, fallback: string): string {
  return value !== undefined && safeReturnPath(value) === value ? value : fallback;
}

function capitalised(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function listOf(labels: string[]): string {
  return labels.length <= 1 ? (labels[0] ?? "") : `${labels.slice(0, -1).join(", ")} and ${labels.at(-1)}`;
}

export const showBlocklistPage: Handler = (ctx, request, reply) => page(ctx, request, reply);

export const addToBlocklist: Handler = async (ctx, request, reply) => {
  const values = formValues(formBody(request));
  const input: Record<string, string> = { kind: values.kind ?? "" };
  if (values.name !== undefined) input.name = values.name;
  if (values.work_id !== undefined) input.work_id = values.work_id;
  const results = await orFormAgain(
    () => blocklist.addToBlocklist(ctx, request.actor, input),
    (e, status) => page(ctx, request, reply, { kind: values.kind ?? "", values, errors: e.fields }, status),
  );
  if (!results) return reply;
  const added = results.filter((r) => r.added).map((r) => blockedLabel(r.item));
  const already = results.filter((r) => !r.added).map((r) => blockedLabel(r.item));
  const message = [
    added.length > 0
      ? `Blocked ${listOf(added)}: you won't see ${added.length === 1 ? "it" : "them"} in listings.`
      : "",
    already.length > 0
      ? `${capitalised(listOf(already))} ${already.length === 1 ? "was" : "were"} on your blocklist already.`
      : "",
  ]
    .filter(Boolean)
    .join(" ");
  return redirectWithFlash(request, reply, returnPath(values.return_to, "/account/blocklist"), message);
};

export const removeFromBlocklist: Handler = async (ctx, request, reply) => {
  const values = formValues(formBody(request));
  const item = await blocklist.unblock(ctx, request.actor, values.kind ?? "", values.target_id ?? "");
  return redirectWithFlash(
    request,
    reply,
    returnPath(values.return_to, "/account/blocklist"),
    `Removed ${blockedLabel(item)} from your blocklist.`,
  );
};
