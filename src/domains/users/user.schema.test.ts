import { describe, expect, it } from "vitest";
import { loadConfig } from "../../config/config.js";
import { fieldErrorsOf } from "../../lib/validate.js";
import { pseudSchema } from "./pseud.schema.js";
import { signUpSchema } from "./user.schema.js";

const config = loadConfig({});
const good = {
  username: "fan_writer1",
  email: "fan@example.org",
  password: "longenough",
  password_confirmation: "longenough",
  terms: "on",
};

function errorsFor(input: Record<string, unknown>) {
  const result = signUpSchema(config).safeParse(input);
  return result.success ? {} : fieldErrorsOf(result.error);
}

describe("signUpSchema", () => {
  it("accepts a valid sign-up", () => {
    expect(errorsFor(good)).toEqual({});
  });

  it.each([
    ["ab", "at least 3"],
    ["a".repeat(41), "at most 40"],
    ["has space", "letters, digits and underscores"],
    ["dash-name", "letters, digits and underscores"],
    ["ünïcode", "letters, digits and underscores"],
  ])("rejects the username %j", (username, message) => {
    expect(errorsFor({ ...good, username }).username).toContain(message);
  });

  it.each([
    ["short", "at least 8"],
    ["x".repeat(73), "at most 72"],
  ])("rejects the password %j", (password, message) => {
    expect(errorsFor({ ...good, password, password_confirmation: password }).password).toContain(message);
  });

  it("accepts passwords of exactly 8 and 72 characters", () => {
    for (const password of ["x".repeat(8), "x".repeat(72)]) {
      expect(errorsFor({ ...good, password, password_confirmation: password })).toEqual({});
    }
  });

  it("rejects a mismatched confirmation on the confirmation field", () => {
    expect(errorsFor({ ...good, password_confirmation: "different1" }).password_confirmation).toBe(
      "The passwords you entered don't match.",
    );
  });

  it.each(["not-an-email", "a@", "@b.org", "two@@example.org"])("rejects the email %j", (email) => {
    expect(errorsFor({ ...good, email }).email).toBe("Enter a valid email address, like name@example.com.");
  });

  it("requires accepting the terms", () => {
    const { terms: _t, ...withoutTerms } = good;
    expect(errorsFor(withoutTerms).terms).toBe("You need to accept the Terms of Service to sign up.");
  });

  it("follows the limits in the configuration", () => {
    const strict = loadConfig({ QUIRE_USERNAME_MIN: "5" });
    const result = signUpSchema(strict).safeParse({ ...good, username: "abcd" });
    expect(result.success).toBe(false);
  });
});

describe("pseudSchema", () => {
  const schema = pseudSchema(config);

  it("squeezes whitespace in names", () => {
    expect(schema.parse({ name: "  Night   Owl " }).name).toBe("Night Owl");
  });

  it("accepts letters from any script, digits, spaces, _ and -", () => {
    expect(schema.safeParse({ name: "Ночная сова_2-b" }).success).toBe(true);
  });

  it.each([
    ["", "Enter a name for the pseud."],
    ["   ", "Enter a name for the pseud."],
    ["a".repeat(41), "at most 40"],
    ["<script>", "Use only letters"],
    ["--__", "at least one letter or digit"],
  ])("rejects the name %j", (name, message) => {
    const result = schema.safeParse({ name });
    expect(result.success).toBe(false);
    if (!result.success) expect(fieldErrorsOf(result.error).name).toContain(message);
  });

  it("names unexpected fields", () => {
    const result = schema.safeParse({ name: "Ok", colour: "red" });
    expect(result.success).toBe(false);
    if (!result.success)
      expect(fieldErrorsOf(result.error)).toEqual({ colour: 'Unexpected field "colour".' });
  });
});
