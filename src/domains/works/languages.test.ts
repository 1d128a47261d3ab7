import { describe, expect, it } from "vitest";
import { defaultLanguage, languageByCode, languages } from "./languages.js";

describe("languages", () => {
  it("covers AO3's most used languages", () => {
    const codes = languages.map((l) => l.code);
    for (const code of ["en", "es", "fr", "de", "it", "pt-BR", "pt-PT", "ru", "zh", "ja", "ko", "pl", "uk"]) {
      expect(codes).toContain(code);
    }
    expect(languages.length).toBeGreaterThanOrEqual(40);
  });

  it("has unique codes and names", () => {
    expect(new Set(languages.map((l) => l.code.toLowerCase())).size).toBe(languages.length);
    expect(new Set(languages.map((l) => l.name)).size).toBe(languages.length);
  });

  it("uses canonical BCP 47 codes", () => {
    for (const { code } of languages) {
      expect(Intl.getCanonicalLocales(code)).toEqual([code]);
    }
  });

  it("is sorted by name for the select", () => {
    const collator = new Intl.Collator("en", { sensitivity: "base" });
    const names = languages.map((l) => l.name);
    expect(names).toEqual([...names].sort(collator.compare));
    expect(names.indexOf("Čeština")).toBeLessThan(names.indexOf("Dansk"));
  });

  it("defaults to English", () => {
    expect(languageByCode(defaultLanguage)).toEqual({ code: "en", name: "English" });
  });

  it.each([
    ["en", "English"],
    ["ja", "日本語"],
    ["zh", "中文-普通话 國語"],
    ["pt-BR", "Português brasileiro"],
    ["pt-br", "Português brasileiro"],
    [" PT-PT ", "Português europeu"],
    ["tl", "Filipino"],
    ["iw", "עברית"],
    ["in", "Bahasa Indonesia"],
  ])("finds %j as %j", (code, name) => {
    expect(languageByCode(code)?.name).toBe(name);
  });

  it.each(["", "xx", "english", "pt", "en-GB", "not a code", "-"])("finds nothing for %j", (code) => {
    expect(languageByCode(code)).toBeUndefined();
  });
});
