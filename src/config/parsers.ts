// Small parsers for environment values: each knows what it accepts, in words, for the error message.

export type Parsed<T> = { ok: true; value: T } | { ok: false };

export interface Parser<T> {
  accepts: string;
  parse(raw: string): Parsed<T>;
}

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = { ok: false } as const;

function int(min: number, max: number): Parser<number> {
  return {
    accepts: `a whole number from ${min} to ${max}`,
    parse(raw) {
      if (!/^-?\d+$/.test(raw.trim())) return bad;
      const n = Number(raw.trim());
      return n >= min && n <= max ? ok(n) : bad;
    },
  };
}

const bool: Parser<boolean> = {
  accepts: "true or false (also 1/0, yes/no, on/off)",
  parse(raw) {
    const v = raw.trim().toLowerCase();
    if (["true", "1", "yes", "on"].includes(v)) return ok(true);
    if (["false", "0", "no", "off"].includes(v)) return ok(false);
    return bad;
  },
};

function str(min: number, max: number): Parser<string> {
  return {
    accepts: `text of ${min} to ${max} characters`,
    parse(raw) {
      return raw.length >= min && raw.length <= max ? ok(raw) : bad;
    },
  };
}

function isUrl(raw: string, protocols: string[]): boolean {
  try {
    const u = new URL(raw);
    return protocols.includes(u.protocol);
  } catch {
    return false;
  }
}

const url: Parser<string> = {
  accepts: "an absolute http:// or https:// URL",
  parse: (raw) => (isUrl(raw, ["http:", "https:"]) ? ok(raw) : bad),
};

const smtpUrl: Parser<string> = {
  accepts: "smtp://user:password@host:port or smtps://…, or empty",
  parse: (raw) => (isUrl(raw, ["smtp:", "smtps:"]) ? ok(raw) : bad),
};

const databaseUrl: Parser<string> = {
  accepts: "postgres://user:password@host:port/database (or postgresql://), or empty for SQLite",
  parse: (raw) => (isUrl(raw, ["postgres:", "postgresql:"]) ? ok(raw) : bad),
};

const host: Parser<string> = {
  accepts: "a host name or IP address such as 127.0.0.1, 0.0.0.0 or ::",
  parse: (raw) => (/^[A-Za-z0-9.:\-[\]]+$/.test(raw) ? ok(raw) : bad),
};

const logLevels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];
const logLevel: Parser<string> = {
  accepts: logLevels.join(", "),
  parse: (raw) => (logLevels.includes(raw) ? ok(raw) : bad),
};

export const parsers = { int, bool, str, url, smtpUrl, databaseUrl, host, logLevel };
