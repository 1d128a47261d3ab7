import { describe, expect, it } from "vitest";
import { ConfigError, describeSettings, loadConfig } from "./config.js";

describe("loadConfig", () => {
  it("uses the documented defaults when nothing is set", () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.host).toBe("127.0.0.1");
    expect(config.dataDir).toBe("./data");
    expect(config.sqlitePath).toMatch(/data\/quire\.db$/);
    expect(config.databaseUrl).toBe("");
    expect(config.signupOpen).toBe(true);
    expect(config.publicUrl).toBe("http://127.0.0.1:3000");
    expect(config.passwordMin).toBe(8);
    expect(config.passwordMax).toBe(72);
  });

  it("reads and parses environment variables", () => {
    const config = loadConfig({
      PORT: "8080",
      HOST: "0.0.0.0",
      QUIRE_SIGNUP_OPEN: "false",
      BASE_URL: "https://fics.example.org/",
      DATABASE_URL: "postgres://quire@db/quire",
      QUIRE_DATA_DIR: "/srv/quire",
    });
    expect(config.port).toBe(8080);
    expect(config.signupOpen).toBe(false);
    expect(config.publicUrl).toBe("https://fics.example.org");
    expect(config.databaseUrl).toBe("postgres://quire@db/quire");
    expect(config.sqlitePath).toBe("/srv/quire/quire.db");
  });

  it("names every bad setting and what it accepts", () => {
    let error: unknown;
    try {
      loadConfig({ PORT: "eighty", DATABASE_URL: "mysql://x", QUIRE_SIGNUP_OPEN: "maybe" });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('PORT="eighty": expected a whole number from 0 to 65535');
    expect(message).toContain('DATABASE_URL="mysql://x": expected postgres://');
    expect(message).toContain('QUIRE_SIGNUP_OPEN="maybe": expected true or false');
    expect((error as ConfigError).problems).toHaveLength(3);
  });

  it("refuses a minimum above its maximum", () => {
    expect(() => loadConfig({ QUIRE_PASSWORD_MIN: "80", QUIRE_PASSWORD_MAX: "72" })).toThrow(
      /QUIRE_PASSWORD_MIN must not exceed/,
    );
  });

  it("documents every setting with a default and what it accepts", () => {
    const rows = describeSettings();
    expect(rows.map((r) => r.env)).toEqual(
      expect.arrayContaining(["PORT", "HOST", "QUIRE_DATA_DIR", "DATABASE_URL", "SMTP_URL", "BASE_URL"]),
    );
    for (const row of rows) {
      expect(row.doc.length).toBeGreaterThan(10);
      expect(row.accepts.length).toBeGreaterThan(3);
    }
  });
});
