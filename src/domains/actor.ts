// Who is asking: a guest, or a logged-in user (through a session cookie or an API token).
import { Forbidden } from "../lib/errors.js";
import type { User } from "./users/user.js";

export type Actor =
  | { kind: "guest" }
  | { kind: "user"; user: User; via: "session" | "token"; sessionId?: string; tokenId?: string };

export const guest: Actor = { kind: "guest" };

/** The user behind an actor; Forbidden with `message` (what to log in for) for a guest. */
export function requireUser(actor: Actor, message: string): User {
  if (actor.kind !== "user") throw new Forbidden(message);
  return actor.user;
}

/** The user behind an actor, or undefined for a guest. */
export function userOf(actor: Actor): User | undefined {
  return actor.kind === "user" ? actor.user : undefined;
}
