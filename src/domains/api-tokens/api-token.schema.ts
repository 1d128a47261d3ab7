// Naming a new API token.
import { z } from "zod";
import type { Config } from "../../config/config.js";

export function apiTokenSchema(l: Pick<Config, "apiTokenNameMax">) {
  return z.object({
    name: z
      .string()
      .trim()
      .min(1, "Give the token a name, such as the script that will use it.")
      .max(l.apiTokenNameMax, `A token name must be at most ${l.apiTokenNameMax} characters long.`),
  });
}
