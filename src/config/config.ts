// The one table of Quire's settings and limits. Every entry names its environment variable, its
// default, how it is parsed and what it means; `loadConfig` checks them all at start and refuses to
// run with a message naming each bad setting and what it accepts.
import path from "node:path";
import { parsers, type Parser } from "./parsers.js";

interface Setting<T> {
  env: string;
  default: T;
  parse: Parser<T>;
  doc: string;
}

function setting<T>(env: string, defaultValue: T, parse: Parser<T>, doc: string): Setting<T> {
  return { env, default: defaultValue, parse, doc };
}

const { int, bool, str, url, smtpUrl, databaseUrl, host, logLevel } = parsers;

/** Every setting Quire reads, in the order `quire config` prints them. */
export const settings = {
  // Server
  port: setting("PORT", 3000, int(0, 65535), "TCP port the web server listens on."),
  host: setting("HOST", "127.0.0.1", host, "Address the web server binds to (0.0.0.0 for all interfaces)."),
  baseUrl: setting(
    "BASE_URL",
    "",
    url,
    "Public address of the archive, used in emailed links; defaults to http://HOST:PORT.",
  ),
  trustProxy: setting("TRUST_PROXY", false, bool, "Trust X-Forwarded-* headers from a reverse proxy."),
  logLevel: setting(
    "LOG_LEVEL",
    "info",
    logLevel,
    "Log level: fatal, error, warn, info, debug, trace or silent.",
  ),
  shutdownGraceSeconds: setting(
    "SHUTDOWN_GRACE_SECONDS",
    10,
    int(0, 600),
    "Seconds SIGTERM waits for requests in flight before closing.",
  ),
  // Storage
  dataDir: setting(
    "QUIRE_DATA_DIR",
    "./data",
    str(1, 4096),
    "Folder for the SQLite file and the mail outbox.",
  ),
  databaseUrl: setting(
    "DATABASE_URL",
    "",
    databaseUrl,
    "postgres://user:pass@host/db for PostgreSQL; empty for SQLite at QUIRE_DATA_DIR/quire.db.",
  ),
  databasePoolSize: setting("DATABASE_POOL_SIZE", 10, int(1, 200), "PostgreSQL connections per process."),
  // Mail
  smtpUrl: setting(
    "SMTP_URL",
    "",
    smtpUrl,
    "smtp://user:pass@host:port (smtps:// for TLS); empty writes mail to QUIRE_DATA_DIR/outbox.",
  ),
  mailFrom: setting(
    "MAIL_FROM",
    "Quire <noreply@localhost>",
    str(3, 320),
    "From address of the archive's mail.",
  ),
  // Site
  siteName: setting(
    "QUIRE_SITE_NAME",
    "Quire",
    str(1, 100),
    "Name of the archive shown in the header and mail.",
  ),
  signupOpen: setting("QUIRE_SIGNUP_OPEN", true, bool, "Whether anyone may create an account."),
  // Sessions and security
  sessionIdleHours: setting(
    "QUIRE_SESSION_IDLE_HOURS",
    24,
    int(1, 24 * 365),
    "A session not marked 'remember me' ends after this many hours without a visit.",
  ),
  rememberDays: setting(
    "QUIRE_REMEMBER_DAYS",
    30,
    int(1, 365),
    "How long 'remember me' keeps a user logged in.",
  ),
  resetTokenMinutes: setting(
    "QUIRE_RESET_TOKEN_MINUTES",
    60,
    int(5, 24 * 60),
    "Minutes a password reset link stays valid.",
  ),
  loginFailuresPerIp: setting(
    "QUIRE_LOGIN_FAILURES_PER_IP",
    20,
    int(1, 10_000),
    "Failed logins from one address allowed per 15 minutes before 429.",
  ),
  loginFailuresPerAccount: setting(
    "QUIRE_LOGIN_FAILURES_PER_ACCOUNT",
    10,
    int(1, 10_000),
    "Failed logins against one account allowed per 15 minutes before 429.",
  ),
  resetRequestsPerAccount: setting(
    "QUIRE_RESET_REQUESTS_PER_ACCOUNT",
    3,
    int(1, 1000),
    "Password reset emails one account may be sent per hour.",
  ),
  signupsPerIp: setting(
    "QUIRE_SIGNUPS_PER_IP",
    10,
    int(1, 10_000),
    "Accounts one address may create per hour.",
  ),
  // Limits (AO3's values; ao3-inventory.md §1.1 and §1.12)
  usernameMin: setting("QUIRE_USERNAME_MIN", 3, int(1, 100), "Shortest username."),
  usernameMax: setting("QUIRE_USERNAME_MAX", 40, int(1, 100), "Longest username."),
  passwordMin: setting("QUIRE_PASSWORD_MIN", 8, int(1, 1024), "Shortest password."),
  passwordMax: setting("QUIRE_PASSWORD_MAX", 72, int(8, 1024), "Longest password."),
  emailMax: setting("QUIRE_EMAIL_MAX", 254, int(6, 1000), "Longest email address."),
  pseudNameMax: setting("QUIRE_PSEUD_NAME_MAX", 40, int(1, 200), "Longest pseud name."),
  pseudDescriptionMax: setting(
    "QUIRE_PSEUD_DESCRIPTION_MAX",
    500,
    int(0, 10_000),
    "Longest pseud description.",
  ),
  pseudsPerUser: setting("QUIRE_PSEUDS_PER_USER", 300, int(1, 10_000), "Most pseuds one account may have."),
  apiTokensPerUser: setting(
    "QUIRE_API_TOKENS_PER_USER",
    20,
    int(1, 1000),
    "Most live API tokens per account.",
  ),
  apiTokenNameMax: setting("QUIRE_API_TOKEN_NAME_MAX", 100, int(1, 1000), "Longest API token name."),
  // Works, chapters and tags (AO3's values; ao3-inventory.md §1.1)
  titleMax: setting("QUIRE_TITLE_MAX", 255, int(1, 10_000), "Longest work, chapter or series title."),
  summaryMax: setting("QUIRE_SUMMARY_MAX", 1250, int(0, 100_000), "Longest work, chapter or series summary."),
  notesMax: setting("QUIRE_NOTES_MAX", 5000, int(0, 100_000), "Longest notes or end notes."),
  chapterMin: setting("QUIRE_CHAPTER_MIN", 10, int(1, 1000), "Shortest chapter text, in characters."),
  chapterMax: setting(
    "QUIRE_CHAPTER_MAX",
    510_000,
    int(100, 10_000_000),
    "Longest chapter text, in characters (raise QUIRE_REQUEST_BODY_MAX_BYTES with it).",
  ),
  tagNameMax: setting("QUIRE_TAG_NAME_MAX", 150, int(10, 1000), "Longest tag name."),
  userTagsPerWork: setting(
    "QUIRE_USER_TAGS_PER_WORK",
    75,
    int(1, 10_000),
    "Most fandom, relationship, character and additional tags on one work.",
  ),
  postsPerHour: setting(
    "QUIRE_POSTS_PER_HOUR",
    60,
    int(1, 100_000),
    "Works and chapters one account may post or save per hour before 429.",
  ),
  worksPerPage: setting("QUIRE_WORKS_PER_PAGE", 20, int(1, 500), "Works per page in listings."),
  autocompleteMax: setting("QUIRE_AUTOCOMPLETE_MAX", 15, int(1, 100), "Suggestions a tag field offers."),
  requestBodyMaxBytes: setting(
    "QUIRE_REQUEST_BODY_MAX_BYTES",
    // A form carries a whole chapter: 510,000 CJK characters are ~4.6 MB once URL-encoded.
    8 * 1024 * 1024,
    int(1024, 1024 * 1024 * 1024),
    "Largest request body accepted, in bytes.",
  ),
  // Importing fic files
  importMaxBytes: setting(
    "QUIRE_IMPORT_MAX_BYTES",
    25 * 1024 * 1024,
    int(1024, 1024 * 1024 * 1024),
    "Largest fic file the importer reads, in bytes.",
  ),
  importMaxUnzippedBytes: setting(
    "QUIRE_IMPORT_MAX_UNZIPPED_BYTES",
    100 * 1024 * 1024,
    int(1024, 4 * 1024 * 1024 * 1024),
    "Largest total size an EPUB or DOCX may unpack to, in bytes (stops zip bombs).",
  ),
  importTimeLimitMs: setting(
    "QUIRE_IMPORT_TIME_LIMIT_MS",
    20_000,
    int(10, 600_000),
    "Longest time the importer spends reading one file, in milliseconds.",
  ),
  importMaxZipEntries: setting(
    "QUIRE_IMPORT_MAX_ZIP_ENTRIES",
    10_000,
    int(1, 1_000_000),
    "Most files an EPUB or DOCX may hold.",
  ),
  importReaders: setting(
    "QUIRE_IMPORT_READERS",
    1,
    int(1, 64),
    "Threads that read files uploaded on the Import works page (a slow file holds up only its own).",
  ),
  importFilesPerUpload: setting(
    "QUIRE_IMPORT_FILES_PER_UPLOAD",
    50,
    int(1, 10_000),
    "Most files one upload on the Import works page may hold.",
  ),
  filterTagsMax: setting(
    "QUIRE_FILTER_TAGS_MAX",
    100,
    int(1, 1000),
    "Most tags one listing may include and exclude together.",
  ),
  listingPagesMax: setting(
    "QUIRE_LISTING_PAGES_MAX",
    5000,
    int(1, 1_000_000),
    "Highest page number a listing goes to (deeper pages are refused; narrow the filters instead).",
  ),
  facetsPerType: setting(
    "QUIRE_FACETS_PER_TYPE",
    10,
    int(1, 100),
    "Tags of each type the filter sidebar counts.",
  ),
  facetBudgetMs: setting(
    "QUIRE_FACET_BUDGET_MS",
    80,
    int(1, 60_000),
    "Time a listing may spend counting facets before it shows partial counts, in milliseconds.",
  ),
  searchQueryMax: setting(
    "QUIRE_SEARCH_QUERY_MAX",
    1000,
    int(10, 100_000),
    "Longest search query, in characters.",
  ),
  searchTermsMax: setting(
    "QUIRE_SEARCH_TERMS_MAX",
    40,
    int(1, 1000),
    "Most words and phrases in one search query.",
  ),
  searchDepthMax: setting(
    "QUIRE_SEARCH_DEPTH_MAX",
    8,
    int(1, 100),
    "Deepest nesting of parentheses in a search query.",
  ),
  searchMatchesMax: setting(
    "QUIRE_SEARCH_MATCHES_MAX",
    200_000,
    int(100, 100_000_000),
    "Most full-text matches one search reads before filtering (the rest are left out, and the page says so).",
  ),
  searchBudgetMs: setting(
    "QUIRE_SEARCH_BUDGET_MS",
    2000,
    int(10, 600_000),
    "Time a full-text search may take on PostgreSQL before it is stopped, in milliseconds.",
  ),
  savedFiltersMax: setting(
    "QUIRE_SAVED_FILTERS_MAX",
    50,
    int(1, 10_000),
    "Saved filters one account may keep.",
  ),
  blocklistMax: setting(
    "QUIRE_BLOCKLIST_MAX",
    1000,
    int(1, 100_000),
    "Tags, creators and works one account's blocklist may hold, together.",
  ),
} satisfies Record<string, Setting<unknown>>;

type Settings = typeof settings;
export type Config = { [K in keyof Settings]: Settings[K]["default"] } & {
  /** The SQLite file, derived from dataDir. */
  sqlitePath: string;
  /** BASE_URL, or http://HOST:PORT when unset. */
  publicUrl: string;
};

/** A setting that did not parse, with what it accepts. */
export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Quire cannot start, these settings are wrong:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Reads every setting from `env` (plus `overrides`, used by tests), or throws ConfigError listing all bad ones. */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<Config> = {},
): Config {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, s] of Object.entries(settings) as [string, Setting<unknown>][]) {
    const raw = env[s.env];
    if (raw === undefined || raw === "") {
      values[key] = s.default;
      continue;
    }
    const parsed = s.parse.parse(raw);
    if (parsed.ok) values[key] = parsed.value;
    else problems.push(`${s.env}=${JSON.stringify(raw)}: expected ${s.parse.accepts}`);
  }
  Object.assign(values, overrides);
  const partial = values as Omit<Config, "sqlitePath" | "publicUrl">;
  if (partial.usernameMin > partial.usernameMax)
    problems.push("QUIRE_USERNAME_MIN must not exceed QUIRE_USERNAME_MAX");
  if (partial.passwordMin > partial.passwordMax)
    problems.push("QUIRE_PASSWORD_MIN must not exceed QUIRE_PASSWORD_MAX");
  if (problems.length > 0) throw new ConfigError(problems);
  const displayHost = partial.host === "0.0.0.0" || partial.host === "::" ? "localhost" : partial.host;
  return {
    ...partial,
    sqlitePath: overrides.sqlitePath ?? path.resolve(partial.dataDir, "quire.db"),
    publicUrl: (partial.baseUrl || `http://${displayHost}:${partial.port}`).replace(/(?<!\/)\/+$/, ""),
  };
}

/** The documentation of every setting, as rows for README/operations docs and `quire config`. */
export function describeSettings(): { env: string; default: string; accepts: string; doc: string }[] {
  return Object.values(settings).map((s: Setting<unknown>) => ({
    env: s.env,
    default: String(s.default),
    accepts: s.parse.accepts,
    doc: s.doc,
  }));
}
