// The only SQL about the users table. Rows become User objects in userFromRow.
import type { Kysely, Selectable } from "kysely";
import type { Database, UsersTable } from "../../db/schema.js";
import type { User } from "./user.js";

type Db = Kysely<Database>;
export type UserRow = Selectable<UsersTable>;

/** Maps a row to the domain object; the password hash stays behind. */
export function userFromRow(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    email: row.email,
    isAdmin: row.is_admin === 1,
    createdAt: row.created_at,
    passwordChangedAt: row.password_changed_at,
  };
}

export function findUserRowById(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

export function findUserRowByUsernameKey(db: Db, key: string): Promise<UserRow | undefined> {
  return db.selectFrom("users").selectAll().where("username_key", "=", key).executeTakeFirst();
}

export function findUserRowByEmailKey(db: Db, key: string): Promise<UserRow | undefined> {
  return db.selectFrom("users").selectAll().where("email_key", "=", key).executeTakeFirst();
}

/** The user whose username or email matches `key` (log-in accepts either). */
export function findUserRowByLogin(db: Db, key: string): Promise<UserRow | undefined> {
  return db
    .selectFrom("users")
    .selectAll()
    .where((eb) => eb.or([eb("username_key", "=", key), eb("email_key", "=", key)]))
    .orderBy("created_at")
    .executeTakeFirst();
}

/**
 * Holds the user's row for the rest of the transaction (PostgreSQL only; SQLite has one writer at a
 * time anyway), so that a use case that looks something of theirs up and makes it when it is
 * missing (an import's series, by title) can't make it twice at once. "No key update": rows that
 * refer to the user (kudos, comments) can still be written meanwhile.
 */
export async function lockUser(db: Db, dialect: "sqlite" | "postgres", id: string): Promise<void> {
  if (dialect !== "postgres") return;
  await db.selectFrom("users").select("id").where("id", "=", id).forNoKeyUpdate().execute();
}

export async function insertUser(db: Db, row: UserRow): Promise<void> {
  await db.insertInto("users").values(row).execute();
}

export async function updateUser(
  db: Db,
  id: string,
  changes: Partial<Omit<UserRow, "id" | "created_at">>,
): Promise<void> {
  await db.updateTable("users").set(changes).where("id", "=", id).execute();
}

export async function deleteUser(db: Db, id: string): Promise<void> {
  await db.deleteFrom("users").where("id", "=", id).execute();
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The newest accounts, for the admin area. */
export function listUserRows(db: Db, limit: number): Promise<UserRow[]> {
  return db.selectFrom("users").selectAll().orderBy("created_at", "desc").limit(limit).execute();
}
