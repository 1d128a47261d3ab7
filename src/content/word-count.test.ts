import { describe, expect, it } from "vitest";
import { countWords } from "./word-count.js";

describe("countWords", () => {
  it.each([
    ["", 0],
    ["The quick brown fox jumps over the lazy dog.", 9],
    ["  Spaces,   tabs\tand\nnewlines  ", 4],
    ["one-word and twenty-three", 3],
    ["don't, it's, rock'n'roll", 3],
    ["don\u2019t, it\u2019s, \u2018quoted\u2019", 3],
    ["'single' and \"double\" quotes", 4],
    ["wait--what", 2],
    ["wait -- what", 2],
    ["wait---what", 2],
    ["wait\u2014what\u2014now", 3],
    ["en\u2013dash", 2],
    ["a-'-b", 1],
    ["1 22 333 4,000 5.5", 7],
    ["snake_case counts once", 3],
    ["-- ... !!! ? \u2014 & * ()", 0],
    ["caf\u00e9 na\u00efve r\u00e9sum\u00e9", 3],
    ["\u041f\u0440\u0438\u0432\u0435\u0442, \u043c\u0438\u0440", 2],
    ["\u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645", 2],
    ["\ud55c\uad6d\uc5b4 \ubb38\uc7a5", 2],
    ["emoji \ud83d\ude00 are not words", 4],
  ])("counts %j as %i", (text, expected) => {
    expect(countWords(text)).toBe(expected);
  });

  it.each([
    ["我爱你", 3],
    ["我爱你。你好！", 5],
    ["ありがとう", 5],
    ["カタカナ", 4],
    ["日本語のテキストです", 10],
    ["東京タワーに行きました", 11], // the prolonged sound mark ー is Common script, so a word of its own, as on AO3
    ["สวัสดีครับ", 10],
    ["Hello世界", 3],
    ["Hello 世界 world", 4],
    ["第3章", 3],
    ["\ud840\udc0b", 1],
  ])("counts each Han, Hiragana, Katakana and Thai character: %j is %i", (text, expected) => {
    expect(countWords(text)).toBe(expected);
  });

  it.each([
    ["<p>Two words</p>", 2],
    ['<p class="many words here" title="and more words">Two words</p>', 2],
    ['<a href="https://example.org/some-long-path">link</a>', 1],
    ['<img src="https://example.org/a.png" alt="alt text is not counted">', 0],
    ["<p>One</p><p>Two</p><p>Three</p>", 3],
    ["<p>Line<br>break</p>", 2],
    ["<b>wo</b>rd", 2],
    ["<p>Fish &amp; chips</p>", 2],
    ["a&nbsp;b&nbsp;c", 3],
    ["caf&eacute; na&iuml;ve", 2],
    ["don&rsquo;t &#8212; won&#x2019;t", 2],
    ["wait&#45;&#45;what", 2],
    ["<!-- a comment of many words --> visible", 1],
    ["<script>var hidden = 'words';</script><style>p { x: y }</style>shown", 1],
    ['<p title="a > b">quoted > in attribute</p>', 3],
    ["a < b and c > d", 5],
    ["<p>unclosed <b>tags", 2],
    ["text <b", 1],
  ])("counts text nodes only: %j is %i", (html, expected) => {
    expect(countWords(html)).toBe(expected);
  });

  it("counts a long chapter", () => {
    const paragraph =
      "<p>She didn\u2019t know what to say -- it was the <em>third</em> time that week.</p>\n";
    expect(countWords(paragraph.repeat(10_000))).toBe(13 * 10_000);
  });
});
