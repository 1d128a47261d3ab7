import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent, fieldError, inputValue, textOf } from "../../../test/support/agent.js";
import { dialects } from "../../../test/support/dialects.js";
import { buildUser, loggedInAgent, unique } from "../../../test/support/factories.js";
import { createTestApp, type TestApp } from "../../../test/support/test-app.js";
import { messages } from "./user.service.js";

describe.each(dialects)("account pages on %s", (dialect) => {
  let t: TestApp;
  let ipCounter = 0;
  const newAgent = () => new Agent(t.app, `127.20.0.${++ipCounter}`);

  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  function signUpForm(name: string, extra: Record<string, string> = {}) {
    return {
      username: name,
      email: `${name}@example.org`,
      password: "secret words",
      password_confirmation: "secret words",
      terms: "on",
      ...extra,
    };
  }

  describe("POST /signup", () => {
    it("creates the account, logs in and shows the profile", async () => {
      const agent = newAgent();
      await agent.get("/signup");
      const name = `Reader_${unique()}`;
      const res = await agent.post("/signup", signUpForm(name));
      expect(res.status).toBe(303);
      expect(res.location).toBe(`/users/${name}`);
      expect(agent.cookie("quire_session")).toBeTruthy();
      const profile = await agent.get(res.location!);
      expect(textOf(profile.body)).toContain(`Welcome to Quire, ${name}!`);
      expect(textOf(profile.body)).toContain("Log out");
    });

    it.each([
      ["a too-short username", { username: "ab" }, "username", "at least 3"],
      ["a too-long username", { username: "u".repeat(41) }, "username", "at most 40"],
      [
        "a too-short password",
        { password: "short", password_confirmation: "short" },
        "password",
        "at least 8",
      ],
      [
        "a too-long password",
        { password: "p".repeat(73), password_confirmation: "p".repeat(73) },
        "password",
        "at most 72",
      ],
      [
        "a mismatched confirmation",
        { password_confirmation: "other words" },
        "password_confirmation",
        "don't match",
      ],
      ["a malformed email", { email: "not-an-email" }, "email", "valid email"],
      ["no terms acceptance", { terms: "" }, "terms", "accept the Terms"],
    ])(
      "comes back with %s, the message beside the field, and what was typed kept",
      async (_what, change, field, message) => {
        const agent = newAgent();
        await agent.get("/signup");
        const name = `Keep_${unique()}`;
        const form = signUpForm(name, change as Record<string, string>);
        if (form.terms === "") delete (form as Partial<typeof form>).terms;
        const res = await agent.post("/signup", form);
        expect(res.status).toBe(422);
        expect(fieldError(res.body, field)).toContain(message);
        if (field !== "username") expect(inputValue(res.body, "username")).toBe(name);
        if (field !== "email") expect(inputValue(res.body, "email")).toBe(`${name}@example.org`);
        expect(res.body).not.toContain("secret words");
        expect(inputValue(res.body, "password")).toBeUndefined();
        expect(agent.cookie("quire_session")).toBeUndefined();
      },
    );

    it("comes back with duplicate username and email messages", async () => {
      const existing = await buildUser(t.ctx);
      const agent = newAgent();
      await agent.get("/signup");
      const res = await agent.post(
        "/signup",
        signUpForm(existing.username.toUpperCase(), { email: existing.email }),
      );
      expect(res.status).toBe(422);
      expect(fieldError(res.body, "username")).toBe(messages.usernameTaken);
      expect(fieldError(res.body, "email")).toBe(messages.emailTaken);
      expect(inputValue(res.body, "email")).toBe(existing.email);
    });

    it("is refused with 403 and nothing written when the CSRF token is missing or forged", async () => {
      const agent = newAgent();
      await agent.get("/signup");
      const name = `Csrf_${unique()}`;
      expect((await agent.post("/signup", signUpForm(name), { csrf: false })).status).toBe(403);
      expect((await agent.post("/signup", signUpForm(name), { csrf: "forged-token" })).status).toBe(403);
      const fresh = new Agent(t.app, "127.20.1.1");
      expect((await fresh.post("/signup", signUpForm(name), { csrf: agent.csrfToken })).status).toBe(403);
      expect(
        await t.ctx.db
          .selectFrom("users")
          .select("id")
          .where("username_key", "=", name.toLowerCase())
          .executeTakeFirst(),
      ).toBeUndefined();
    });

    it("shows a closed notice and refuses sign-up when the archive is closed", async () => {
      const closed = await createTestApp(dialect, { signupOpen: false });
      try {
        const agent = new Agent(closed.app);
        const page = await agent.get("/signup");
        expect(textOf(page.body)).toContain("not accepting new accounts");
        expect(inputValue(page.body, "username")).toBeUndefined();
        const res = await agent.post("/signup", signUpForm(`Closed_${unique()}`));
        expect(res.status).toBe(403);
      } finally {
        await closed.close();
      }
    });
  });

  describe("POST /login and /logout", () => {
    it("logs in by username or email, rotating the session id, and logs out", async () => {
      const user = await buildUser(t.ctx);
      const agent = newAgent();
      await agent.get("/login");
      const first = await agent.post("/login", { login: user.email, password: user.password });
      expect(first.status).toBe(303);
      const firstSession = agent.cookie("quire_session");
      await agent.get("/");
      const second = await agent.post("/login", { login: user.username, password: user.password });
      expect(second.status).toBe(303);
      expect(agent.cookie("quire_session")).not.toBe(firstSession);
      // The replaced session no longer works.
      const stale = new Agent(t.app);
      stale.setCookie("quire_session", firstSession!);
      expect((await stale.get("/account")).status).toBe(303);
      expect((await agent.get("/account")).status).toBe(200);
      const out = await agent.post("/logout");
      expect(out.status).toBe(303);
      expect(agent.cookie("quire_session")).toBeUndefined();
      expect((await agent.get("/account")).location).toBe("/login?return_to=%2Faccount");
    });

    it("sets an HttpOnly, SameSite=Lax session cookie, persistent only with remember me", async () => {
      const user = await buildUser(t.ctx);
      const agent = newAgent();
      await agent.get("/login");
      const plain = await agent.post("/login", { login: user.username, password: user.password });
      const plainCookie = ([] as string[])
        .concat(plain.headers["set-cookie"] as string[])
        .find((c) => c.startsWith("quire_session="))!;
      expect(plainCookie).toMatch(/HttpOnly/);
      expect(plainCookie).toMatch(/SameSite=Lax/);
      expect(plainCookie).not.toMatch(/Max-Age/);
      await agent.get("/");
      const remembered = await agent.post("/login", {
        login: user.username,
        password: user.password,
        remember: "on",
      });
      const rememberedCookie = ([] as string[])
        .concat(remembered.headers["set-cookie"] as string[])
        .find((c) => c.startsWith("quire_session="))!;
      expect(rememberedCookie).toMatch(/Max-Age=2592000/);
    });

    it("returns to the page that asked for log-in, but never to another site", async () => {
      const user = await buildUser(t.ctx);
      const agent = newAgent();
      await agent.get("/login?return_to=%2Faccount%2Fpassword");
      const res = await agent.post("/login", {
        login: user.username,
        password: user.password,
        return_to: "/account/password",
      });
      expect(res.location).toBe("/account/password");
      const other = newAgent();
      await other.get("/login");
      expect(
        (
          await other.post("/login", {
            login: user.username,
            password: user.password,
            return_to: "//evil.example",
          })
        ).location,
      ).toBe("/");
    });

    it("gives one generic message for a wrong password and an unknown user, keeping the login typed", async () => {
      const user = await buildUser(t.ctx);
      const agent = newAgent();
      await agent.get("/login");
      const wrong = await agent.post("/login", { login: user.username, password: "not the password" });
      const unknown = await agent.post("/login", { login: "no_such_reader", password: "not the password" });
      expect(wrong.status).toBe(422);
      expect(unknown.status).toBe(422);
      expect(textOf(wrong.body)).toContain(messages.badLogin);
      expect(textOf(unknown.body)).toContain(messages.badLogin);
      expect(inputValue(wrong.body, "login")).toBe(user.username);
      expect(wrong.body).not.toContain("not the password");
    });

    it("answers 429 with Retry-After after repeated failures from one address", async () => {
      const agent = new Agent(t.app, "127.20.9.9");
      await agent.get("/login");
      let res = await agent.post("/login", { login: "someone", password: "wrong password" });
      for (let i = 1; i < t.config.loginFailuresPerIp; i++) {
        res = await agent.post("/login", { login: `someone${i}`, password: "wrong password" });
        expect(res.status).toBe(422);
      }
      res = await agent.post("/login", { login: "someone", password: "wrong password" });
      expect(res.status).toBe(429);
      expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
      expect(textOf(res.body)).toContain("Too many failed log-in attempts");
    });
    it("answers 429 with Retry-After after repeated failures against one account, from many addresses", async () => {
      const user = await buildUser(t.ctx);
      let res;
      for (let i = 0; i < t.config.loginFailuresPerAccount; i++) {
        const agent = new Agent(t.app, `127.21.${i}.1`);
        await agent.get("/login");
        res = await agent.post("/login", { login: user.username, password: "wrong password" });
        expect(res.status).toBe(422);
      }
      const agent = new Agent(t.app, "127.21.99.1");
      await agent.get("/login");
      res = await agent.post("/login", { login: user.username.toUpperCase(), password: user.password });
      expect(res.status).toBe(429);
      expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
      expect(agent.cookie("quire_session")).toBeUndefined();
    });

    it("marks cookies Secure when served over HTTPS behind a trusted proxy", async () => {
      const proxied = await createTestApp(dialect, { trustProxy: true });
      try {
        const user = await buildUser(proxied.ctx);
        const page = await proxied.app.inject({ url: "/login", headers: { "x-forwarded-proto": "https" } });
        const csrfCookie = page.cookies.find((c) => c.name === "quire_csrf")!;
        expect(csrfCookie.secure).toBe(true);
        const token = /<meta name="csrf-token" content="([^"]*)"/.exec(page.body)![1]!;
        const res = await proxied.app.inject({
          method: "POST",
          url: "/login",
          headers: {
            "x-forwarded-proto": "https",
            "content-type": "application/x-www-form-urlencoded",
            cookie: `quire_csrf=${csrfCookie.value}`,
          },
          payload: new URLSearchParams({
            login: user.username,
            password: user.password,
            _csrf: token,
          }).toString(),
        });
        expect(res.statusCode).toBe(303);
        const session = res.cookies.find((c) => c.name === "quire_session")!;
        expect(session.secure).toBe(true);
        expect(session.httpOnly).toBe(true);
        const plain = await proxied.app.inject({ url: "/login" });
        expect(plain.cookies.find((c) => c.name === "quire_csrf")!.secure).toBeUndefined();
        const httpsSite = await createTestApp(dialect, { baseUrl: "https://fics.example.org" });
        try {
          const behindTls = await httpsSite.app.inject({ url: "/login" });
          expect(behindTls.cookies.find((c) => c.name === "quire_csrf")!.secure).toBe(true);
        } finally {
          await httpsSite.close();
        }
      } finally {
        await proxied.close();
      }
    });
  });

  describe("password reset pages", () => {
    async function resetLinkFor(agent: Agent, email: string): Promise<string> {
      const seen = t.smtp.countMail(email, "Reset your password");
      await agent.get("/password/forgot");
      const res = await agent.post("/password/forgot", { email });
      expect(res.status).toBe(200);
      expect(textOf(res.body)).toContain("If an account uses that address");
      const mail = await t.smtp.nextMail(email, "Reset your password", seen);
      return /http:\/\/quire\.test(\/password\/reset\/[A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
    }

    it("emails a link whose form sets a new password once", async () => {
      const user = await buildUser(t.ctx);
      const agent = newAgent();
      const path = await resetLinkFor(agent, user.email);
      expect((await agent.get(path)).status).toBe(200);
      const mismatch = await agent.post(path, {
        password: "fresh password",
        password_confirmation: "other password",
      });
      expect(mismatch.status).toBe(422);
      expect(fieldError(mismatch.body, "password_confirmation")).toContain("don't match");
      const done = await agent.post(path, {
        password: "fresh password",
        password_confirmation: "fresh password",
      });
      expect(done.status).toBe(303);
      expect(done.location).toBe("/login");
      const reused = await agent.get(path);
      expect(reused.status).toBe(404);
      expect(textOf(reused.body)).toContain(messages.badResetLink);
      expect(reused.body).toContain('href="/password/forgot"');
      const replay = await agent.post(path, {
        password: "third password",
        password_confirmation: "third password",
      });
      expect(replay.status).toBe(404);
      await agent.get("/login");
      expect((await agent.post("/login", { login: user.username, password: "fresh password" })).status).toBe(
        303,
      );
    });

    it("explains an expired or forged link and links to ask again", async () => {
      const user = await buildUser(t.ctx);
      const agent = newAgent();
      const path = await resetLinkFor(agent, user.email);
      t.clock.advance((t.config.resetTokenMinutes + 1) * 60_000);
      const expired = await agent.get(path);
      expect(expired.status).toBe(404);
      expect(textOf(expired.body)).toContain("Ask for a new password reset link");
      const forged = await agent.get("/password/reset/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
      expect(forged.status).toBe(404);
      expect(textOf(forged.body)).toContain(messages.badResetLink);
    });

    it("answers the same for an unknown address and rate limits per account", async () => {
      const agent = newAgent();
      await agent.get("/password/forgot");
      const unknown = await agent.post("/password/forgot", { email: `ghost_${unique()}@example.org` });
      expect(unknown.status).toBe(200);
      expect(textOf(unknown.body)).toContain("If an account uses that address");
      const user = await buildUser(t.ctx);
      for (let i = 0; i < t.config.resetRequestsPerAccount; i++) {
        expect((await agent.post("/password/forgot", { email: user.email })).status).toBe(200);
      }
      const limited = await agent.post("/password/forgot", { email: user.email });
      expect(limited.status).toBe(429);
      expect(limited.headers["retry-after"]).toBeDefined();
    });

    it("keeps a malformed address and says what is wrong", async () => {
      const agent = newAgent();
      await agent.get("/password/forgot");
      const res = await agent.post("/password/forgot", { email: "nope" });
      expect(res.status).toBe(422);
      expect(inputValue(res.body, "email")).toBe("nope");
      expect(fieldError(res.body, "email")).toContain("valid email");
    });
  });

  describe("the account area", () => {
    it.each(["/account", "/account/password", "/account/email", "/account/tokens", "/account/delete"])(
      "sends a guest from %s to log in",
      async (path) => {
        const res = await newAgent().get(path);
        expect(res.status).toBe(303);
        expect(res.location).toBe(`/login?return_to=${encodeURIComponent(path)}`);
      },
    );

    it("refuses account changes from a guest", async () => {
      const agent = newAgent();
      const res = await agent.post("/account/password", {
        current_password: "x",
        password: "newpassword",
        password_confirmation: "newpassword",
      });
      expect(res.status).toBe(303);
      expect(res.location).toMatch(/^\/login/);
    });

    it("changes the password, keeping this session", async () => {
      const { agent, user } = await loggedInAgent(t.app, t.ctx);
      await agent.get("/account/password");
      const wrong = await agent.post("/account/password", {
        current_password: "wrong wrong",
        password: "new password!",
        password_confirmation: "new password!",
      });
      expect(wrong.status).toBe(422);
      expect(fieldError(wrong.body, "current_password")).toBe(messages.wrongPassword);
      const ok = await agent.post("/account/password", {
        current_password: user.password,
        password: "new password!",
        password_confirmation: "new password!",
      });
      expect(ok.status).toBe(303);
      expect((await agent.get("/account")).status).toBe(200);
    });

    it("changes the email address and keeps what was typed on error", async () => {
      const { agent, user } = await loggedInAgent(t.app, t.ctx);
      await agent.get("/account/email");
      const bad = await agent.post("/account/email", { email: "bad@", current_password: user.password });
      expect(bad.status).toBe(422);
      expect(inputValue(bad.body, "email")).toBe("bad@");
      const email = `new_${unique()}@example.org`;
      const ok = await agent.post("/account/email", { email, current_password: user.password });
      expect(ok.status).toBe(303);
      expect(textOf((await agent.get("/account")).body)).toContain(email);
    });

    it("deletes the account after the password, saying what happens to works", async () => {
      const { agent, user } = await loggedInAgent(t.app, t.ctx);
      const page = await agent.get("/account/delete");
      expect(textOf(page.body)).toContain("works credited only to your pseuds");
      const wrong = await agent.post("/account/delete", { current_password: "not mine!" });
      expect(wrong.status).toBe(422);
      const res = await agent.post("/account/delete", { current_password: user.password });
      expect(res.status).toBe(303);
      expect((await agent.get(`/users/${user.username}`)).status).toBe(404);
    });
  });
});
