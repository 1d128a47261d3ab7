// Use cases about accounts: sign up, log in, change password or email, reset a forgotten password,
// delete the account, and create an admin from the command line.
import { Forbidden, Invalid, NotFound, Unauthorized, isUniqueViolation } from "../../lib/errors.js";
import { hashToken, newId, newToken } from "../../lib/ids.js";
import { MINUTE, HOUR, addMs, nowIso } from "../../lib/time.js";
import { parseInput } from "../../lib/validate.js";
import { emailChangedMail, passwordChangedMail, passwordResetMail } from "../../mail/account-mail.js";
import type { MailMessage } from "../../mail/mailer.js";
import type { Actor } from "../actor.js";
import { inTransaction, type Ctx } from "../context.js";
import {
  checkLimit,
  clearEvents,
  countEvent,
  releaseAttempt,
  reserveAttempt,
  type Limit,
} from "../throttle/throttle.service.js";
import { endOtherSessions } from "../sessions/session.service.js";
import { hashPassword, verifyNothing, verifyPassword } from "./password.js";
import * as resets from "./password-reset.repo.js";
import { pseudNameKey } from "./pseud.js";
import { insertPseud } from "./pseud.repo.js";
import { emailKey, usernameKey, type User } from "./user.js";
import * as users from "./user.repo.js";
import { reindexWorks } from "../search/reindex.js";
import { workIdsOfUser } from "../works/work.repo.js";
import { deleteSoleWorksOf } from "../works/work.service.js";
import {
  changeEmailSchema,
  changePasswordSchema,
  deleteAccountSchema,
  forgotPasswordSchema,
  logInSchema,
  resetPasswordSchema,
  signUpSchema,
} from "./user.schema.js";

export const messages = {
  usernameTaken: "That username is already taken.",
  emailTaken: "An account with that email address already exists.",
  badLogin: "The username or email address or the password is incorrect.",
  signupClosed: "This archive is not accepting new accounts at the moment.",
  wrongPassword: "That password is incorrect.",
  badResetLink: "This password reset link is invalid, has expired or was already used.",
  tooManyLogins: "Too many failed log-in attempts. Please wait a few minutes and try again.",
  tooManyResets:
    "Too many password reset requests for this address. Please check your email or try again later.",
  tooManySignups: "Too many accounts were created from your address. Please try again later.",
};

const LOGIN_WINDOW = 15 * MINUTE;

/**
 * Sends a notification without making the request wait for, or fail on, the mail server: the change
 * it reports is already saved, and a reset request must answer alike whether or not mail goes out.
 */
function notify(ctx: Ctx, message: MailMessage): void {
  ctx.mailer.send(message).catch((err: unknown) => ctx.log?.error({ err, to: message.to }, "mail failed"));
}

function loginLimits(ctx: Ctx): { perIp: Limit; perAccount: Limit } {
  return {
    perIp: { bucket: "login-ip", max: ctx.config.loginFailuresPerIp, windowMs: LOGIN_WINDOW },
    perAccount: { bucket: "login-account", max: ctx.config.loginFailuresPerAccount, windowMs: LOGIN_WINDOW },
  };
}

function requireUser(actor: Actor): User {
  if (actor.kind !== "user") throw new Unauthorized();
  return actor.user;
}

export interface NewAccount {
  username: string;
  email: string;
  password: string;
  isAdmin: boolean;
}

/** Writes a user and their default pseud (named after the username) in one transaction; input already valid. */
export async function createAccount(ctx: Ctx, account: NewAccount): Promise<User> {
  const passwordHash = await hashPassword(account.password);
  return inTransaction(ctx, async (tx) => {
    const fields: Record<string, string> = {};
    if (await users.findUserRowByUsernameKey(tx.db, usernameKey(account.username)))
      fields.username = messages.usernameTaken;
    if (await users.findUserRowByEmailKey(tx.db, emailKey(account.email))) fields.email = messages.emailTaken;
    if (Object.keys(fields).length > 0) throw new Invalid(fields);
    const at = nowIso(tx.now());
    const row: users.UserRow = {
      id: newId(),
      username: account.username,
      username_key: usernameKey(account.username),
      email: account.email,
      email_key: emailKey(account.email),
      password_hash: passwordHash,
      is_admin: account.isAdmin ? 1 : 0,
      created_at: at,
      updated_at: at,
      password_changed_at: at,
      terms_accepted_at: at,
    };
    try {
      await users.insertUser(tx.db, row);
    } catch (err) {
      // Two sign-ups raced past the check above; the unique index has the last word.
      if (isUniqueViolation(err)) {
        const emailClash = /email/.test(String((err as Error).message));
        throw new Invalid(emailClash ? { email: messages.emailTaken } : { username: messages.usernameTaken });
      }
      throw err;
    }
    await insertPseud(tx.db, {
      id: newId(),
      user_id: row.id,
      name: account.username,
      name_key: pseudNameKey(account.username),
      description: "",
      is_default: 1,
      created_at: at,
      updated_at: at,
    });
    return users.userFromRow(row);
  });
}

/** Creates an account from the sign-up form, when sign-up is open. */
export async function signUp(ctx: Ctx, input: unknown, ip: string): Promise<User> {
  if (!ctx.config.signupOpen) throw new Forbidden(messages.signupClosed);
  const data = parseInput(signUpSchema(ctx.config), input);
  const limit: Limit = { bucket: "signup-ip", max: ctx.config.signupsPerIp, windowMs: HOUR };
  await checkLimit(ctx, limit, ip, messages.tooManySignups);
  const user = await createAccount(ctx, { ...data, isAdmin: false });
  await countEvent(ctx, limit, ip);
  return user;
}

/** Creates an admin account (command line); works whether or not sign-up is open. */
export async function createAdmin(
  ctx: Ctx,
  input: { username: string; email: string; password: string },
): Promise<User> {
  const data = parseInput(signUpSchema(ctx.config), {
    ...input,
    password_confirmation: input.password,
    terms: true,
  });
  return createAccount(ctx, { ...data, isAdmin: true });
}

/** Checks a username-or-email and password; rate limited per address and per account. */
export async function logIn(
  ctx: Ctx,
  input: unknown,
  ip: string,
): Promise<{ user: User; remember: boolean }> {
  const data = parseInput(logInSchema, input);
  const key = usernameKey(data.login);
  const limits = loginLimits(ctx);
  // Attempts are counted before the (slow) password check, so parallel guesses can't overrun the
  // limits; a successful log-in takes its own attempts back. The per-account limit is keyed on the
  // name typed, so a 429 never tells which email address belongs to which username.
  const ipAttempt = await reserveAttempt(ctx, limits.perIp, ip, messages.tooManyLogins);
  const accountAttempt = await reserveAttempt(ctx, limits.perAccount, key, messages.tooManyLogins);
  const row = await users.findUserRowByLogin(ctx.db, key);
  const ok = row
    ? await verifyPassword(row.password_hash, data.password)
    : (await verifyNothing(data.password), false);
  if (!row || !ok) throw new Invalid({ login: messages.badLogin }, messages.badLogin);
  await releaseAttempt(ctx, ipAttempt);
  await releaseAttempt(ctx, accountAttempt);
  await clearEvents(ctx, limits.perAccount, key);
  return { user: users.userFromRow(row), remember: data.remember };
}

async function requirePassword(
  ctx: Ctx,
  user: User,
  password: string,
  field = "current_password",
): Promise<users.UserRow> {
  const row = await users.findUserRowById(ctx.db, user.id);
  if (!row) throw new Unauthorized();
  if (!(await verifyPassword(row.password_hash, password)))
    throw new Invalid({ [field]: messages.wrongPassword });
  return row;
}

/** Changes the actor's password; every other session of theirs ends. */
export async function changePassword(ctx: Ctx, actor: Actor, input: unknown): Promise<void> {
  const user = requireUser(actor);
  const data = parseInput(changePasswordSchema(ctx.config), input);
  await requirePassword(ctx, user, data.current_password);
  const at = nowIso(ctx.now());
  await users.updateUser(ctx.db, user.id, {
    password_hash: await hashPassword(data.password),
    password_changed_at: at,
    updated_at: at,
  });
  await endOtherSessions(ctx, user.id, actor.kind === "user" ? actor.sessionId : undefined);
  await resets.useAllPasswordResets(ctx.db, user.id, at);
  notify(ctx, passwordChangedMail(ctx.config, user.email, user.username));
}

/** Changes the actor's email address, telling the old address. */
export async function changeEmail(ctx: Ctx, actor: Actor, input: unknown): Promise<User> {
  const user = requireUser(actor);
  const data = parseInput(changeEmailSchema(ctx.config), input);
  await requirePassword(ctx, user, data.current_password);
  const existing = await users.findUserRowByEmailKey(ctx.db, emailKey(data.email));
  if (existing && existing.id !== user.id) throw new Invalid({ email: messages.emailTaken });
  try {
    await users.updateUser(ctx.db, user.id, {
      email: data.email,
      email_key: emailKey(data.email),
      updated_at: nowIso(ctx.now()),
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new Invalid({ email: messages.emailTaken });
    throw err;
  }
  // A reset link sent to the old address must not outlive the change.
  await resets.useAllPasswordResets(ctx.db, user.id, nowIso(ctx.now()));
  if (emailKey(user.email) !== emailKey(data.email)) {
    notify(ctx, emailChangedMail(ctx.config, user.email, user.username, data.email));
  }
  return { ...user, email: data.email };
}

/**
 * Emails a single-use reset link when the address belongs to an account. The answer is the same
 * either way (no account enumeration), and the rate limit counts per address asked for, so it
 * applies to each account without revealing which addresses have one.
 */
export async function requestPasswordReset(ctx: Ctx, input: unknown): Promise<void> {
  const data = parseInput(forgotPasswordSchema(ctx.config), input);
  const key = emailKey(data.email);
  const limit: Limit = { bucket: "reset-account", max: ctx.config.resetRequestsPerAccount, windowMs: HOUR };
  await checkLimit(ctx, limit, key, messages.tooManyResets);
  await countEvent(ctx, limit, key);
  const row = await users.findUserRowByEmailKey(ctx.db, key);
  if (!row) return;
  const token = newToken();
  const at = nowIso(ctx.now());
  await resets.insertPasswordReset(ctx.db, {
    id: newId(),
    user_id: row.id,
    token_hash: hashToken(token),
    created_at: at,
    expires_at: addMs(at, ctx.config.resetTokenMinutes * MINUTE),
    used_at: null,
  });
  const link = `${ctx.config.publicUrl}/password/reset/${token}`;
  notify(ctx, passwordResetMail(ctx.config, row.email, row.username, link, ctx.config.resetTokenMinutes));
}

async function findUsableReset(ctx: Ctx, token: string): Promise<resets.PasswordResetRow> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw new NotFound(messages.badResetLink);
  const reset = await resets.findPasswordResetByHash(ctx.db, hashToken(token));
  if (!reset || reset.used_at || reset.expires_at <= nowIso(ctx.now()))
    throw new NotFound(messages.badResetLink);
  return reset;
}

/** Whether a reset link may still be used (the page shows the form, or says to ask again). */
export async function checkPasswordResetToken(ctx: Ctx, token: string): Promise<void> {
  await findUsableReset(ctx, token);
}

/** Sets a new password from a reset link, spends the link and ends every session of the account. */
export async function resetPassword(ctx: Ctx, token: string, input: unknown): Promise<User> {
  await findUsableReset(ctx, token);
  const data = parseInput(resetPasswordSchema(ctx.config), input);
  const passwordHash = await hashPassword(data.password);
  const user = await inTransaction(ctx, async (tx) => {
    // Spent with a conditional update: of two tabs submitting one link, only one changes a row.
    const reset = await findUsableReset(tx, token);
    const at = nowIso(tx.now());
    if ((await resets.spendPasswordReset(tx.db, reset.id, at)) !== 1)
      throw new NotFound(messages.badResetLink);
    await resets.useAllPasswordResets(tx.db, reset.user_id, at);
    await users.updateUser(tx.db, reset.user_id, {
      password_hash: passwordHash,
      password_changed_at: at,
      updated_at: at,
    });
    await endOtherSessions(tx, reset.user_id);
    const row = await users.findUserRowById(tx.db, reset.user_id);
    if (!row) throw new NotFound(messages.badResetLink);
    return users.userFromRow(row);
  });
  notify(ctx, passwordChangedMail(ctx.config, user.email, user.username));
  return user;
}

/** Deletes the actor's account with its pseuds, sessions and tokens, after checking the password. */
export async function deleteAccount(ctx: Ctx, actor: Actor, input: unknown): Promise<void> {
  const user = requireUser(actor);
  const data = parseInput(deleteAccountSchema, input);
  await requirePassword(ctx, user, data.current_password);
  await inTransaction(ctx, async (tx) => {
    // Works credited only to this account go with it; co-created works stay with the others.
    await deleteSoleWorksOf(tx, user.id);
    const shared = await workIdsOfUser(tx.db, user.id);
    await users.deleteUser(tx.db, user.id);
    await reindexWorks(tx, shared);
  });
}

/** The account called `username`, or NotFound. */
export async function findUserByUsername(ctx: Ctx, username: string): Promise<User> {
  const row = await users.findUserRowByUsernameKey(ctx.db, usernameKey(username));
  if (!row) throw new NotFound("We couldn't find that user.");
  return users.userFromRow(row);
}

/** Removes password reset links that expired more than a day ago; run from time to time. */
export async function prunePasswordResets(ctx: Ctx): Promise<void> {
  await resets.deleteExpiredPasswordResets(ctx.db, addMs(nowIso(ctx.now()), -24 * HOUR));
}
