// The command table of `quire` (npx quire <command>): one line of help each, one small file per command.
import { Command } from "commander";
import { adminCreateCommand } from "./admin-create.command.js";
import { configCommand } from "./config.command.js";
import { importCommand } from "./import.command.js";
import { migrateCommand } from "./migrate.command.js";
import { serveCommand } from "./serve.command.js";
import { tokenCreateCommand } from "./token-create.command.js";

export function buildCli(): Command {
  const program = new Command("quire")
    .description(
      "Quire, a fanfiction archive anyone can run. Settings come from environment variables (see `quire config`).",
    )
    .showHelpAfterError();

  program
    .command("serve", { isDefault: true })
    .description("Run the web server (applies migrations first).")
    .action(serveCommand);
  program
    .command("migrate")
    .description("Apply pending database migrations and exit.")
    .action(migrateCommand);
  program
    .command("config")
    .description("List every setting with its value, default and meaning.")
    .action(configCommand);

  program
    .command("import")
    .description("Turn fic files (txt, md, html, epub, docx; folders recursively) into works.")
    .argument("<paths...>", "files or folders")
    .option("--dry-run", "read the files and print what was found; no database is touched")
    .option("--json", "with --dry-run, print the structured result as JSON (docs/import-format.md)")
    .option("--user <username>", "the account the works are credited to")
    .option("--pseud <name>", "the pseud to credit (default: the account's default pseud)")
    .option("--post", "post the works at once instead of saving drafts to review")
    .option("--no-progress", "don't draw a progress bar")
    .action(importCommand);

  const admin = program.command("admin").description("Administer the archive.");
  admin
    .command("create")
    .description("Create an admin account (works while sign-up is closed).")
    .requiredOption("--username <name>", "username, 3–40 letters, digits or underscores")
    .requiredOption("--email <address>", "email address")
    .requiredOption("--password <password>", "password, 8–72 characters")
    .action(adminCreateCommand);

  const token = program.command("token").description("Manage personal API tokens.");
  token
    .command("create")
    .description("Print a new API token for USERNAME (for scripts and operators).")
    .argument("<username>", "the account the token acts as")
    .option("--name <name>", "what the token is for", "command line")
    .action(tokenCreateCommand);

  return program;
}
