// quire admin create --username … --email … --password …
import { createAdmin } from "../domains/users/user.service.js";
import { withCommandContext } from "./context.js";

export async function adminCreateCommand(options: {
  username: string;
  email: string;
  password: string;
}): Promise<void> {
  await withCommandContext(async (ctx) => {
    const user = await createAdmin(ctx, options);
    console.log(`Created admin ${user.username} <${user.email}>.`);
  });
}
