// Characters that never belong in stored text (clean-text.ts).
import { describe, expect, it } from "vitest";
import { cleanText } from "./clean-text.js";

describe("cleanText", () => {
  it("turns Windows and old-Mac line endings into newlines", () => {
    expect(cleanText("one\r\ntwo\rthree\n")).toBe("one\ntwo\nthree\n");
  });

  it("drops control characters other than tab and newline, DEL, C1 controls and U+FFFE/U+FFFF", () => {
    expect(cleanText("a\u0000b\u0007c\td\u000be\u001bf\u007fg\u0085h\ufffei\uffffj")).toBe("abc\tdefghij");
  });

  it("replaces unpaired surrogates and keeps paired ones", () => {
    expect(cleanText("x\ud800y\udc00z 😀 \ud83d")).toBe("x\ufffdy\ufffdz 😀 \ufffd");
  });

  it("gives back a text with nothing to clean as it is", () => {
    const text = "“Fine,” she said — it wasn’t. Ünïcödé and 日本語 too.\n\nNext.";
    expect(cleanText(text)).toBe(text);
  });

  it("cleans every code unit as the three replacements do (its quick test for nothing to clean misses none)", () => {
    const replacements = (text: string) =>
      text
        .replace(/\r\n?/g, "\n")
        // eslint-disable-next-line no-control-regex
        .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffe\uffff]/g, "")
        .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
    for (let code = 0; code <= 0xffff; code++) {
      const text = `a${String.fromCharCode(code)}b`;
      if (cleanText(text) !== replacements(text))
        expect([code, cleanText(text)]).toEqual([code, replacements(text)]);
    }
    for (const pair of ["\ud83d\ude00", "\ud800\udc00", "\udbff\udfff"])
      expect(cleanText(`a${pair}b`)).toBe(`a${pair}b`);
  });
});
