// Page handlers for signing up, logging in and out, resetting a password and managing the account.
// Each parses, calls one service function, and redirects or re-renders the form with what was typed.
import { h } from "preact";
import type { FastifyReply, FastifyRequest } from "fastify";
import { NotFound } from "../../lib/errors.js";
import { redirectWithFlash } from "../../http/middleware/flash.js";
import { logInBrowser, SESSION_COOKIE } from "../../http/middleware/current-actor.js";
import { sendPage } from "../../http/render.js";
import { formBody, formValues, orFormAgain, safeReturnPath, type Handler } from "../../http/route.js";
import type { Ctx } from "../context.js";
import { endSession } from "../sessions/session.service.js";
import * as accounts from "./user.service.js";
import {
  AccountPage,
  ChangeEmailForm,
  ChangePasswordForm,
  DeleteAccountForm,
} from "./views/account-pages.js";
import {
  ForgotPasswordForm,
  LogInForm,
  ResetLinkInvalid,
  ResetPasswordForm,
  SignUpForm,
} from "./views/session-forms.js";

const PASSWORDS = ["password", "password_confirmation", "current_password"];

function currentUser(request: FastifyRequest) {
  if (request.actor.kind !== "user") throw new NotFound();
  return request.actor.user;
}

async function endCurrentSession(ctx: Ctx, request: FastifyRequest) {
  if (request.actor.kind === "user" && request.actor.sessionId)
    await endSession(ctx, request.actor.sessionId);
}

export const showSignUpForm: Handler = (ctx, request, reply) =>
  sendPage(request, reply, "Sign up", h(SignUpForm, { limits: ctx.config, open: ctx.config.signupOpen }));

export const createAccount: Handler = async (ctx, request, reply) => {
  const body = formBody(request);
  const user = await orFormAgain(
    () => accounts.signUp(ctx, body, request.ip),
    (e) =>
      sendPage(
        request,
        reply,
        "Sign up",
        h(SignUpForm, {
          limits: ctx.config,
          open: true,
          values: formValues(body, PASSWORDS),
          errors: e.fields,
        }),
        422,
      ),
  );
  if (!user) return reply;
  await endCurrentSession(ctx, request);
  await logInBrowser(ctx, request, reply, user, false);
  return redirectWithFlash(
    request,
    reply,
    `/users/${encodeURIComponent(user.username)}`,
    `Welcome to ${ctx.config.siteName}, ${user.username}! Your account is ready.`,
  );
};

export const showLogInForm: Handler = (_ctx, request, reply) => {
  const query = request.query as Record<string, string | undefined>;
  if (request.actor.kind === "user") return reply.redirect(safeReturnPath(query.return_to), 303);
  return sendPage(request, reply, "Log in", h(LogInForm, { returnTo: safeReturnPath(query.return_to) }));
};

export const logIn: Handler = async (ctx, request, reply) => {
  const body = formBody(request);
  const result = await orFormAgain(
    () => accounts.logIn(ctx, body, request.ip),
    (e) =>
      sendPage(
        request,
        reply,
        "Log in",
        h(LogInForm, {
          values: formValues(body, PASSWORDS),
          returnTo: safeReturnPath(body.return_to),
          errors: e.fields,
        }),
        422,
      ),
  );
  if (!result) return reply;
  await endCurrentSession(ctx, request);
  await logInBrowser(ctx, request, reply, result.user, result.remember);
  return redirectWithFlash(
    request,
    reply,
    safeReturnPath(body.return_to),
    `Hi, ${result.user.username}! You are logged in.`,
  );
};

export const logOut: Handler = async (ctx, request, reply) => {
  await endCurrentSession(ctx, request);
  reply.clearCookie(SESSION_COOKIE, { path: "/" });
  request.rotateCsrf();
  return redirectWithFlash(request, reply, "/", "You are logged out. See you soon!");
};

export const showForgotPasswordForm: Handler = (_ctx, request, reply) =>
  sendPage(request, reply, "Forgot password", h(ForgotPasswordForm, { sent: false }));

export const requestPasswordReset: Handler = async (ctx, request, reply) => {
  const body = formBody(request);
  const done = await orFormAgain(
    async () => (await accounts.requestPasswordReset(ctx, body), true),
    (e) =>
      sendPage(
        request,
        reply,
        "Forgot password",
        h(ForgotPasswordForm, { values: formValues(body), errors: e.fields }),
        422,
      ),
  );
  if (!done) return reply;
  return sendPage(request, reply, "Forgot password", h(ForgotPasswordForm, { sent: true }));
};

function resetToken(request: FastifyRequest): string {
  return (request.params as { token: string }).token;
}

async function withUsableResetLink(
  ctx: Ctx,
  request: FastifyRequest,
  reply: FastifyReply,
  then: () => unknown,
) {
  try {
    await accounts.checkPasswordResetToken(ctx, resetToken(request));
  } catch (err) {
    if (err instanceof NotFound) {
      return sendPage(request, reply, "Reset link", h(ResetLinkInvalid, { message: err.message }), 404);
    }
    throw err;
  }
  return then();
}

export const showResetPasswordForm: Handler = (ctx, request, reply) =>
  withUsableResetLink(ctx, request, reply, () =>
    sendPage(
      request,
      reply,
      "Choose a new password",
      h(ResetPasswordForm, { token: resetToken(request), limits: ctx.config }),
    ),
  );

export const resetPassword: Handler = (ctx, request, reply) =>
  withUsableResetLink(ctx, request, reply, async () => {
    const token = resetToken(request);
    const user = await orFormAgain(
      () => accounts.resetPassword(ctx, token, formBody(request)),
      (e) =>
        sendPage(
          request,
          reply,
          "Choose a new password",
          h(ResetPasswordForm, { token, limits: ctx.config, errors: e.fields }),
          422,
        ),
    );
    if (!user) return reply;
    return redirectWithFlash(
      request,
      reply,
      "/login",
      "Your password has been changed. Log in with your new password.",
    );
  });

export const showAccountPage: Handler = (_ctx, request, reply) =>
  sendPage(request, reply, "Your account", h(AccountPage, { user: currentUser(request) }));

export const showChangePasswordForm: Handler = (ctx, request, reply) =>
  sendPage(request, reply, "Change password", h(ChangePasswordForm, { limits: ctx.config }));

export const changePassword: Handler = async (ctx, request, reply) => {
  const done = await orFormAgain(
    async () => (await accounts.changePassword(ctx, request.actor, formBody(request)), true),
    (e) =>
      sendPage(
        request,
        reply,
        "Change password",
        h(ChangePasswordForm, { limits: ctx.config, errors: e.fields }),
        422,
      ),
  );
  if (!done) return reply;
  return redirectWithFlash(request, reply, "/account", "Your password has been changed.");
};

export const showChangeEmailForm: Handler = (_ctx, request, reply) =>
  sendPage(request, reply, "Change email", h(ChangeEmailForm, { current: currentUser(request).email }));

export const changeEmail: Handler = async (ctx, request, reply) => {
  const body = formBody(request);
  const user = await orFormAgain(
    () => accounts.changeEmail(ctx, request.actor, body),
    (e) =>
      sendPage(
        request,
        reply,
        "Change email",
        h(ChangeEmailForm, {
          current: currentUser(request).email,
          values: formValues(body, PASSWORDS),
          errors: e.fields,
        }),
        422,
      ),
  );
  if (!user) return reply;
  return redirectWithFlash(request, reply, "/account", `Your email address is now ${user.email}.`);
};

export const showDeleteAccountForm: Handler = (_ctx, request, reply) =>
  sendPage(request, reply, "Delete account", h(DeleteAccountForm, { errors: undefined }));

export const deleteAccount: Handler = async (ctx, request, reply) => {
  const done = await orFormAgain(
    async () => (await accounts.deleteAccount(ctx, request.actor, formBody(request)), true),
    (e) => sendPage(request, reply, "Delete account", h(DeleteAccountForm, { errors: e.fields }), 422),
  );
  if (!done) return reply;
  reply.clearCookie(SESSION_COOKIE, { path: "/" });
  return redirectWithFlash(request, reply, "/", "Your account has been deleted.");
};
