// The JSON shapes of users and pseuds (no internal columns).
import type { z } from "zod";
import type { Pseud } from "./pseud.js";
import type { pseudResponse } from "./pseud.schema.js";
import type { User } from "./user.js";
import type { userResponse } from "./user.schema.js";
import { pseudPath, userPath } from "./views/pseud-pages.js";

export function presentCurrentUser(
  user: User,
  defaultPseud: Pseud | undefined,
  baseUrl: string,
): z.infer<typeof userResponse> {
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    is_admin: user.isAdmin,
    created_at: user.createdAt,
    default_pseud: defaultPseud?.name ?? user.username,
    url: `${baseUrl}${userPath(user.username)}`,
  };
}

export function presentPseud(user: User, pseud: Pseud, baseUrl: string): z.infer<typeof pseudResponse> {
  return {
    id: pseud.id,
    name: pseud.name,
    description: pseud.description,
    is_default: pseud.isDefault,
    created_at: pseud.createdAt,
    url: `${baseUrl}${pseudPath(user.username, pseud.name)}`,
  };
}
