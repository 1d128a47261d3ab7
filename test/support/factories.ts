// Factories: make the rows a test needs through the services, with unique names.
import type { Actor } from "../../src/domains/actor.js";
import type { Ctx } from "../../src/domains/context.js";
import { createApiToken } from "../../src/domains/api-tokens/api-token.service.js";
import { addPseud } from "../../src/domains/users/pseud.service.js";
import type { Pseud } from "../../src/domains/users/pseud.js";
import { createAccount } from "../../src/domains/users/user.service.js";
import type { User } from "../../src/domains/users/user.js";
import { Agent } from "./agent.js";
import { postWork } from "../../src/domains/works/work.service.js";
import type { Work } from "../../src/domains/works/work.js";
import type { FastifyInstance } from "fastify";

let counter = 0;

/** A unique suffix for names in this test process. */
export function unique(): string {
  counter += 1;
  return `${process.pid.toString(36)}${counter}`;
}

export const DEFAULT_PASSWORD = "correct horse battery";

export async function buildUser(
  ctx: Ctx,
  overrides: Partial<{ username: string; email: string; password: string; isAdmin: boolean }> = {},
): Promise<User & { password: string }> {
  const username = overrides.username ?? `reader_${unique()}`;
  const password = overrides.password ?? DEFAULT_PASSWORD;
  const user = await createAccount(ctx, {
    username,
    email: overrides.email ?? `${username.toLowerCase()}@example.org`,
    password,
    isAdmin: overrides.isAdmin ?? false,
  });
  return { ...user, password };
}

export function actorFor(user: User): Actor {
  return { kind: "user", user, via: "session" };
}

export async function buildPseud(ctx: Ctx, user: User, name = `Pen ${unique()}`): Promise<Pseud> {
  return addPseud(ctx, actorFor(user), { name, description: "" });
}

export async function buildApiToken(ctx: Ctx, user: User): Promise<string> {
  return (await createApiToken(ctx, user, { name: "test" })).token;
}

/** An agent logged in as a new (or given) user, through the real log-in form. */
export async function loggedInAgent(
  app: FastifyInstance,
  ctx: Ctx,
  user?: User & { password: string },
  ip?: string,
): Promise<{ agent: Agent; user: User & { password: string } }> {
  const u = user ?? (await buildUser(ctx));
  const agent = new Agent(
    app,
    ip ?? `127.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
  );
  await agent.get("/login");
  const res = await agent.post("/login", { login: u.username, password: u.password });
  if (res.status !== 303) throw new Error(`log-in failed in factory: ${res.status}`);
  // Log-in rotates the CSRF cookie; the next page carries the new token, as in a browser.
  await agent.get(res.location ?? "/");
  return { agent, user: u };
}

/** The fields of a valid work; tests override what they are about. */
export function workFields(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: `A Work ${unique()}`,
    rating: "General Audiences",
    warnings: ["No Archive Warnings Apply"],
    categories: ["Gen"],
    fandoms: "Original Work",
    relationships: "",
    characters: "",
    freeforms: "",
    summary: "A short summary.",
    language: "en",
    text: "Once upon a time there was a story with enough words in it.",
    ...overrides,
  };
}

/** A work posted (or saved as a draft) by `user` through the service. */
export async function buildWork(
  ctx: Ctx,
  user: User,
  overrides: Record<string, unknown> = {},
  action: "post" | "draft" = "post",
): Promise<Work> {
  return postWork(ctx, actorFor(user), workFields(overrides), action);
}
