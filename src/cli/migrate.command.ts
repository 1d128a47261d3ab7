// quire migrate: apply pending migrations and say which.
import { openDatabase } from "../db/database.js";
import { migrateToLatest } from "../db/migrator.js";
import { configOrExit } from "./context.js";

export async function migrateCommand(): Promise<void> {
  const config = configOrExit();
  const db = openDatabase({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath, poolSize: 1 });
  try {
    const applied = await migrateToLatest(db);
    const where = db.dialect === "postgres" ? "PostgreSQL" : config.sqlitePath;
    console.log(
      applied.length === 0
        ? `Database is up to date (${where}).`
        : `Applied to ${where}:\n  ${applied.join("\n  ")}`,
    );
  } finally {
    await db.close();
  }
}
