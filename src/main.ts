// Entry point: `node dist/main.js <command>`; with no command, serve.
import { buildCli } from "./cli/cli.js";

buildCli()
  .parseAsync(process.argv)
  .catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
