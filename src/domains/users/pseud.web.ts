// Page handlers for profiles and pseuds: /users/:username and /users/:username/pseuds/…
import type { FastifyRequest } from "fastify";
import { h } from "preact";
import { Forbidden, Invalid } from "../../lib/errors.js";
import { redirectWithFlash } from "../../http/middleware/flash.js";
import { sendPage } from "../../http/render.js";
import { formBody, formValues, orFormAgain, type Handler } from "../../http/route.js";
import type { Actor } from "../actor.js";
import type { Ctx } from "../context.js";
import type { Pseud } from "./pseud.js";
import { canManagePseud } from "./pseud.policy.js";
import * as pseuds from "./pseud.service.js";
import type { User } from "./user.js";
import { findUserByUsername } from "./user.service.js";
import {
  DeletePseudPage,
  ProfilePage,
  PseudForm,
  PseudPage,
  PseudsPage,
  pseudPath,
  userPath,
} from "./views/pseud-pages.js";

function params(request: FastifyRequest) {
  return request.params as { username: string; pseud?: string };
}

function isOwner(actor: Actor, user: User): boolean {
  return actor.kind === "user" && actor.user.id === user.id;
}

async function loadUser(ctx: Ctx, request: FastifyRequest) {
  const user = await findUserByUsername(ctx, params(request).username);
  return { user, owner: isOwner(request.actor, user) };
}

async function loadPseud(
  ctx: Ctx,
  request: FastifyRequest,
): Promise<{ user: User; pseud: Pseud; owner: boolean }> {
  const { user, owner } = await loadUser(ctx, request);
  const pseud = await pseuds.findPseudOrFail(ctx, user.id, params(request).pseud ?? "");
  return { user, pseud, owner };
}

function requireOwner(owner: boolean): void {
  if (!owner) throw new Forbidden("You can only change your own pseuds.");
}

export const showProfilePage: Handler = async (ctx, request, reply) => {
  const { user, owner } = await loadUser(ctx, request);
  return sendPage(
    request,
    reply,
    user.username,
    h(ProfilePage, { user, owner, pseuds: await pseuds.listPseuds(ctx, user.id) }),
  );
};

export const showPseudsPage: Handler = async (ctx, request, reply) => {
  const { user, owner } = await loadUser(ctx, request);
  return sendPage(
    request,
    reply,
    `Pseuds of ${user.username}`,
    h(PseudsPage, { user, owner, pseuds: await pseuds.listPseuds(ctx, user.id) }),
  );
};

export const showPseudPage: Handler = async (ctx, request, reply) => {
  const { user, pseud, owner } = await loadPseud(ctx, request);
  return sendPage(request, reply, `${pseud.name} (${user.username})`, h(PseudPage, { user, pseud, owner }));
};

export const showNewPseudForm: Handler = async (ctx, request, reply) => {
  const { user, owner } = await loadUser(ctx, request);
  requireOwner(owner);
  return sendPage(request, reply, "New pseud", h(PseudForm, { user, limits: ctx.config }));
};

export const createPseud: Handler = async (ctx, request, reply) => {
  const { user, owner } = await loadUser(ctx, request);
  requireOwner(owner);
  const body = formBody(request);
  const pseud = await orFormAgain(
    () => pseuds.addPseud(ctx, request.actor, formValues(body)),
    (e) =>
      sendPage(
        request,
        reply,
        "New pseud",
        h(PseudForm, { user, limits: ctx.config, values: formValues(body), errors: e.fields }),
        422,
      ),
  );
  if (!pseud) return reply;
  return redirectWithFlash(
    request,
    reply,
    `${userPath(user.username)}/pseuds`,
    `Pseud ${pseud.name} was added.`,
  );
};

export const showEditPseudForm: Handler = async (ctx, request, reply) => {
  const { user, pseud } = await loadPseud(ctx, request);
  if (!canManagePseud(request.actor, "edit", pseud))
    throw new Forbidden("You can only change your own pseuds.");
  return sendPage(request, reply, `Edit ${pseud.name}`, h(PseudForm, { user, pseud, limits: ctx.config }));
};

export const updatePseud: Handler = async (ctx, request, reply) => {
  const { user, pseud } = await loadPseud(ctx, request);
  const body = formBody(request);
  const values = formValues(body);
  const updated = await orFormAgain(
    () =>
      pseuds.editPseud(ctx, request.actor, pseud, {
        name: values.name ?? "",
        description: values.description ?? "",
      }),
    (e) =>
      sendPage(
        request,
        reply,
        `Edit ${pseud.name}`,
        h(PseudForm, { user, pseud, limits: ctx.config, values, errors: e.fields }),
        422,
      ),
  );
  if (!updated) return reply;
  return redirectWithFlash(
    request,
    reply,
    pseudPath(user.username, updated.name),
    `Pseud ${updated.name} was saved.`,
  );
};

export const makeDefaultPseud: Handler = async (ctx, request, reply) => {
  const { user, pseud } = await loadPseud(ctx, request);
  await pseuds.makeDefaultPseud(ctx, request.actor, pseud);
  return redirectWithFlash(
    request,
    reply,
    `${userPath(user.username)}/pseuds`,
    `${pseud.name} is now your default pseud.`,
  );
};

export const confirmDeletePseud: Handler = async (ctx, request, reply) => {
  const { user, pseud, owner } = await loadPseud(ctx, request);
  requireOwner(owner);
  const list = await pseuds.listPseuds(ctx, user.id);
  const error =
    list.length <= 1 ? pseuds.messages.lastPseud : pseud.isDefault ? pseuds.messages.defaultPseud : undefined;
  return sendPage(request, reply, `Delete ${pseud.name}`, h(DeletePseudPage, { user, pseud, error }));
};

export const deletePseud: Handler = async (ctx, request, reply) => {
  const { user, pseud } = await loadPseud(ctx, request);
  try {
    await pseuds.deletePseud(ctx, request.actor, pseud);
  } catch (err) {
    if (err instanceof Invalid) {
      return sendPage(
        request,
        reply,
        `Delete ${pseud.name}`,
        h(DeletePseudPage, { user, pseud, error: err.fields.pseud }),
        422,
      );
    }
    throw err;
  }
  return redirectWithFlash(
    request,
    reply,
    `${userPath(user.username)}/pseuds`,
    `Pseud ${pseud.name} was deleted.`,
  );
};
