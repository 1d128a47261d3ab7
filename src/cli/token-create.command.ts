// quire token create USERNAME [--name …]: prints a new API token (the only time it is shown).
import { createApiToken } from "../domains/api-tokens/api-token.service.js";
import { findUserByUsername } from "../domains/users/user.service.js";
import { withCommandContext } from "./context.js";

export async function tokenCreateCommand(username: string, options: { name: string }): Promise<void> {
  await withCommandContext(async (ctx) => {
    const user = await findUserByUsername(ctx, username);
    const { token } = await createApiToken(ctx, user, { name: options.name });
    console.log(token);
  });
}
