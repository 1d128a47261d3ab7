// The few kinds of failure a service may report. http/errors.ts maps each to a status code, a
// friendly page and an RFC 9457 problem document; nothing else decides status codes.

export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  constructor(
    message: string,
    public readonly status: number,
    public readonly title: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Input that breaks a rule; `fields` maps each field name to what is wrong with it. */
export class Invalid extends AppError {
  constructor(
    public readonly fields: FieldErrors,
    message = "Some fields need your attention.",
  ) {
    super(message, 400, "Invalid input");
  }
}

/** A request that can't be understood (a malformed address, say). */
export class BadRequest extends AppError {
  constructor(message = "The request could not be understood.") {
    super(message, 400, "Bad request");
  }
}

/** The thing does not exist, or the actor may not know that it does. */
export class NotFound extends AppError {
  constructor(message = "We couldn't find that page.") {
    super(message, 404, "Not found");
  }
}

/** The actor is known but may not do this. */
export class Forbidden extends AppError {
  constructor(message = "You don't have permission to do that.") {
    super(message, 403, "Forbidden");
  }
}

/** The actor must log in (pages) or present a valid token (API). */
export class Unauthorized extends AppError {
  constructor(message = "Please log in to continue.") {
    super(message, 401, "Unauthorized");
  }
}

/** Too many attempts; try again after `retryAfterSeconds`. */
export class TooManyRequests extends AppError {
  constructor(
    public readonly retryAfterSeconds: number,
    message = "Too many attempts. Please wait a little and try again.",
  ) {
    super(message, 429, "Too many requests");
  }
}

/** True when `err` is a unique-constraint violation from SQLite or PostgreSQL. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string } | null;
  return (
    e?.code === "SQLITE_CONSTRAINT_UNIQUE" ||
    e?.code === "SQLITE_CONSTRAINT_PRIMARYKEY" ||
    e?.code === "23505"
  );
}
