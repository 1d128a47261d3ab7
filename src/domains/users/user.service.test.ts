import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialects } from "../../../test/support/dialects.js";
import { errorOf } from "../../../test/support/errors.js";
import { actorFor, buildUser, unique } from "../../../test/support/factories.js";
import { createTestApp, type TestApp } from "../../../test/support/test-app.js";
import { Forbidden, Invalid, NotFound, TooManyRequests } from "../../lib/errors.js";
import { HOUR, MINUTE } from "../../lib/time.js";
import { resumeSession, startSession } from "../sessions/session.service.js";
import { listPseuds } from "./pseud.service.js";
import * as accounts from "./user.service.js";

function signUpInput(name = `fan_${unique()}`, extra: Record<string, unknown> = {}) {
  return {
    username: name,
    email: `${name}@example.org`,
    password: "a good password",
    password_confirmation: "a good password",
    terms: "on",
    ...extra,
  };
}

describe.each(dialects)("accounts on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  describe("signUp", () => {
    it("creates the account with a default pseud named after the username", async () => {
      const user = await accounts.signUp(t.ctx, signUpInput("Night_Owl"), "127.0.0.1");
      expect(user).toMatchObject({ username: "Night_Owl", email: "Night_Owl@example.org", isAdmin: false });
      const pseuds = await listPseuds(t.ctx, user.id);
      expect(pseuds).toHaveLength(1);
      expect(pseuds[0]).toMatchObject({ name: "Night_Owl", isDefault: true });
    });

    it("stores an argon2id hash, never the password", async () => {
      const user = await accounts.signUp(t.ctx, signUpInput(), "127.0.0.2");
      const row = await t.ctx.db
        .selectFrom("users")
        .select("password_hash")
        .where("id", "=", user.id)
        .executeTakeFirstOrThrow();
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
      expect(row.password_hash).not.toContain("a good password");
    });

    it("refuses a username or email already taken, whatever their case", async () => {
      const name = `Dup_${unique()}`;
      await accounts.signUp(t.ctx, signUpInput(name), "127.0.0.3");
      const err = await errorOf(
        accounts.signUp(
          t.ctx,
          signUpInput(name.toLowerCase(), { email: `${name.toUpperCase()}@EXAMPLE.ORG` }),
          "127.0.0.3",
        ),
      );
      expect(err).toBeInstanceOf(Invalid);
      expect((err as Invalid).fields).toEqual({
        username: accounts.messages.usernameTaken,
        email: accounts.messages.emailTaken,
      });
    });

    it("is refused while sign-up is closed, and admins can still be created", async () => {
      const closed = { ...t.ctx, config: { ...t.ctx.config, signupOpen: false } };
      expect(await errorOf(accounts.signUp(closed, signUpInput(), "127.0.0.4"))).toBeInstanceOf(Forbidden);
      const name = `admin_${unique()}`;
      const admin = await accounts.createAdmin(closed, {
        username: name,
        email: `${name}@example.org`,
        password: "admin password",
      });
      expect(admin.isAdmin).toBe(true);
    });

    it("limits sign-ups per address", async () => {
      const limited = { ...t.ctx, config: { ...t.ctx.config, signupsPerIp: 2 } };
      await accounts.signUp(limited, signUpInput(), "127.0.1.1");
      await accounts.signUp(limited, signUpInput(), "127.0.1.1");
      expect(await errorOf(accounts.signUp(limited, signUpInput(), "127.0.1.1"))).toBeInstanceOf(
        TooManyRequests,
      );
      await accounts.signUp(limited, signUpInput(), "127.0.1.2");
    });
  });

  describe("logIn", () => {
    it("accepts the username or the email address, in any case", async () => {
      const user = await buildUser(t.ctx);
      expect(
        (
          await accounts.logIn(
            t.ctx,
            { login: user.username.toUpperCase(), password: user.password },
            "127.0.2.1",
          )
        ).user.id,
      ).toBe(user.id);
      expect(
        (
          await accounts.logIn(
            t.ctx,
            { login: user.email, password: user.password, remember: "on" },
            "127.0.2.1",
          )
        ).remember,
      ).toBe(true);
    });

    it("gives one generic message for a wrong password and for an unknown user", async () => {
      const user = await buildUser(t.ctx);
      const wrong = await errorOf(
        accounts.logIn(t.ctx, { login: user.username, password: "wrong password" }, "127.0.2.2"),
      );
      const unknown = await errorOf(
        accounts.logIn(t.ctx, { login: "nobody_here", password: "wrong password" }, "127.0.2.2"),
      );
      expect((wrong as Invalid).fields).toEqual({ login: accounts.messages.badLogin });
      expect((unknown as Invalid).fields).toEqual({ login: accounts.messages.badLogin });
    });

    it("limits failures against one account, from any address", async () => {
      const user = await buildUser(t.ctx);
      const ctx = { ...t.ctx, config: { ...t.ctx.config, loginFailuresPerAccount: 3 } };
      for (let i = 0; i < 3; i++) {
        await errorOf(accounts.logIn(ctx, { login: user.username, password: "nope nope" }, `127.0.3.${i}`));
      }
      const err = await errorOf(
        accounts.logIn(ctx, { login: user.username, password: user.password }, "127.0.3.9"),
      );
      expect(err).toBeInstanceOf(TooManyRequests);
      expect((err as TooManyRequests).retryAfterSeconds).toBeGreaterThan(0);
      expect((err as TooManyRequests).retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
      t.clock.advance(16 * MINUTE);
      expect(
        (await accounts.logIn(ctx, { login: user.username, password: user.password }, "127.0.3.9")).user.id,
      ).toBe(user.id);
    });

    it("keys the per-account limit on the name typed, so a 429 never links an email to a username", async () => {
      const user = await buildUser(t.ctx);
      const ctx = { ...t.ctx, config: { ...t.ctx.config, loginFailuresPerAccount: 2 } };
      await errorOf(accounts.logIn(ctx, { login: user.username, password: "nope nope" }, "127.0.7.1"));
      await errorOf(
        accounts.logIn(ctx, { login: user.username.toUpperCase(), password: "nope nope" }, "127.0.7.2"),
      );
      expect(
        await errorOf(accounts.logIn(ctx, { login: user.username, password: user.password }, "127.0.7.3")),
      ).toBeInstanceOf(TooManyRequests);
      expect(
        (await accounts.logIn(ctx, { login: user.email, password: user.password }, "127.0.7.4")).user.id,
      ).toBe(user.id);
    });

    it("holds the limit against many guesses sent at once", async () => {
      const user = await buildUser(t.ctx);
      const ctx = { ...t.ctx, config: { ...t.ctx.config, loginFailuresPerAccount: 5 } };
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) =>
          accounts.logIn(ctx, { login: user.username, password: `guess ${i}!` }, `127.0.8.${i}`),
        ),
      );
      const wrongPassword = results.filter(
        (r) => r.status === "rejected" && r.reason instanceof Invalid,
      ).length;
      const limited = results.filter(
        (r) => r.status === "rejected" && r.reason instanceof TooManyRequests,
      ).length;
      expect(wrongPassword).toBeLessThanOrEqual(5);
      expect(wrongPassword + limited).toBe(20);
    });

    it("spends outstanding reset links when the password changes", async () => {
      const user = await buildUser(t.ctx);
      const seen = t.smtp.countMail(user.email, "Reset your password");
      await accounts.requestPasswordReset(t.ctx, { email: user.email });
      const mail = await t.smtp.nextMail(user.email, "Reset your password", seen);
      const token = /\/password\/reset\/([A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
      await accounts.changePassword(t.ctx, actorFor(user), {
        current_password: user.password,
        password: "changed password",
        password_confirmation: "changed password",
      });
      expect(await errorOf(accounts.checkPasswordResetToken(t.ctx, token))).toBeInstanceOf(NotFound);
    });

    it("limits failures from one address, across accounts", async () => {
      const ctx = { ...t.ctx, config: { ...t.ctx.config, loginFailuresPerIp: 2 } };
      await errorOf(accounts.logIn(ctx, { login: `x_${unique()}`, password: "nope nope" }, "127.0.4.1"));
      await errorOf(accounts.logIn(ctx, { login: `x_${unique()}`, password: "nope nope" }, "127.0.4.1"));
      const user = await buildUser(t.ctx);
      expect(
        await errorOf(accounts.logIn(ctx, { login: user.username, password: user.password }, "127.0.4.1")),
      ).toBeInstanceOf(TooManyRequests);
    });
  });

  describe("sessions", () => {
    it("slide their expiry, renewing a remembered session's cookie but not a browser-session one", async () => {
      const user = await buildUser(t.ctx);
      const remembered = await startSession(t.ctx, user, true);
      const plain = await startSession(t.ctx, user, false);
      expect(remembered.maxAgeSeconds).toBe(t.config.rememberDays * 86_400);
      expect(plain.maxAgeSeconds).toBeUndefined();
      t.clock.advance(2 * MINUTE);
      expect((await resumeSession(t.ctx, remembered.token))?.renewedMaxAgeSeconds).toBe(
        t.config.rememberDays * 86_400,
      );
      expect((await resumeSession(t.ctx, plain.token))?.renewedMaxAgeSeconds).toBeUndefined();
      t.clock.advance(t.config.sessionIdleHours * HOUR + MINUTE);
      expect(await resumeSession(t.ctx, plain.token)).toBeUndefined();
      expect(await resumeSession(t.ctx, remembered.token)).toBeDefined();
    });
  });

  describe("password reset", () => {
    async function requestLink(email: string): Promise<string> {
      const seen = t.smtp.countMail(email, "Reset your password");
      await accounts.requestPasswordReset(t.ctx, { email });
      const mail = await t.smtp.nextMail(email, "Reset your password", seen);
      expect(mail.to).toEqual([email]);
      const link = /http:\/\/quire\.test\/password\/reset\/([A-Za-z0-9_-]+)/.exec(mail.text);
      expect(link).not.toBeNull();
      return link![1]!;
    }

    it("emails a single-use link that sets a new password and ends every session", async () => {
      const user = await buildUser(t.ctx);
      const session = await startSession(t.ctx, user, true);
      const token = await requestLink(user.email);
      await accounts.checkPasswordResetToken(t.ctx, token);
      await accounts.resetPassword(t.ctx, token, {
        password: "brand new pass",
        password_confirmation: "brand new pass",
      });
      expect(await resumeSession(t.ctx, session.token)).toBeUndefined();
      await accounts.logIn(t.ctx, { login: user.username, password: "brand new pass" }, "127.0.5.1");
      expect(
        await errorOf(
          accounts.resetPassword(t.ctx, token, {
            password: "another pass",
            password_confirmation: "another pass",
          }),
        ),
      ).toBeInstanceOf(NotFound);
    });

    it("refuses an expired or forged link", async () => {
      const user = await buildUser(t.ctx);
      const token = await requestLink(user.email);
      t.clock.advance(61 * MINUTE);
      expect(await errorOf(accounts.checkPasswordResetToken(t.ctx, token))).toBeInstanceOf(NotFound);
      expect(
        await errorOf(accounts.checkPasswordResetToken(t.ctx, "forged-token-forged-token-forged")),
      ).toBeInstanceOf(NotFound);
    });

    it("sends nothing for an unknown address but answers the same", async () => {
      const email = `nobody_${unique()}@example.org`;
      await accounts.requestPasswordReset(t.ctx, { email });
      await new Promise((r) => setTimeout(r, 200));
      expect(t.smtp.countMail(email, "")).toBe(0);
    });

    it("limits requests per account", async () => {
      const user = await buildUser(t.ctx);
      for (let i = 0; i < t.config.resetRequestsPerAccount; i++)
        await accounts.requestPasswordReset(t.ctx, { email: user.email });
      expect(
        await errorOf(accounts.requestPasswordReset(t.ctx, { email: user.email.toUpperCase() })),
      ).toBeInstanceOf(TooManyRequests);
      t.clock.advance(HOUR + MINUTE);
      await accounts.requestPasswordReset(t.ctx, { email: user.email });
    });
  });

  describe("changing password and email", () => {
    it("changes the password with the current one and ends the other sessions only", async () => {
      const user = await buildUser(t.ctx);
      const here = await startSession(t.ctx, user, false);
      const elsewhere = await startSession(t.ctx, user, false);
      const actor = { ...actorFor(user), sessionId: here.id };
      const wrong = await errorOf(
        accounts.changePassword(t.ctx, actor, {
          current_password: "not it at all",
          password: "new password 1",
          password_confirmation: "new password 1",
        }),
      );
      expect((wrong as Invalid).fields).toEqual({ current_password: accounts.messages.wrongPassword });
      await accounts.changePassword(t.ctx, actor, {
        current_password: user.password,
        password: "new password 1",
        password_confirmation: "new password 1",
      });
      expect(await resumeSession(t.ctx, here.token)).toBeDefined();
      expect(await resumeSession(t.ctx, elsewhere.token)).toBeUndefined();
      await accounts.logIn(t.ctx, { login: user.username, password: "new password 1" }, "127.0.6.1");
    });

    it("changes the email address, refusing one in use, and tells the old address", async () => {
      const user = await buildUser(t.ctx);
      const other = await buildUser(t.ctx);
      const taken = await errorOf(
        accounts.changeEmail(t.ctx, actorFor(user), { email: other.email, current_password: user.password }),
      );
      expect((taken as Invalid).fields).toEqual({ email: accounts.messages.emailTaken });
      const newEmail = `moved_${unique()}@example.org`;
      await accounts.changeEmail(t.ctx, actorFor(user), { email: newEmail, current_password: user.password });
      const mail = await t.smtp.nextMail(user.email, "email address was changed", 0);
      expect(mail.to).toEqual([user.email]);
      expect(mail.text).toContain(newEmail);
      await accounts.logIn(t.ctx, { login: newEmail, password: user.password }, "127.0.6.2");
    });
  });

  describe("deleteAccount", () => {
    it("needs the password, then removes the user with pseuds and sessions", async () => {
      const user = await buildUser(t.ctx);
      const session = await startSession(t.ctx, user, false);
      expect(
        await errorOf(accounts.deleteAccount(t.ctx, actorFor(user), { current_password: "wrong one" })),
      ).toBeInstanceOf(Invalid);
      await accounts.deleteAccount(t.ctx, actorFor(user), { current_password: user.password });
      expect(await errorOf(accounts.findUserByUsername(t.ctx, user.username))).toBeInstanceOf(NotFound);
      expect(await listPseuds(t.ctx, user.id)).toEqual([]);
      expect(await resumeSession(t.ctx, session.token)).toBeUndefined();
    });
  });
});
