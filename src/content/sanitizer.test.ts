import { describe, expect, it } from "vitest";
import { TEXT_TAGS } from "./allowlist.js";
import { SANITIZER_VERSION, sanitizeHtml, type HtmlField } from "./sanitizer.js";

const VOID_TAGS: Record<string, string> = {
  br: "<br />",
  hr: "<hr />",
  col: "<col />",
  img: '<img src="https://example.org/a.png" />',
};

describe("sanitizeHtml: tags", () => {
  it("starts at version 1", () => {
    expect(SANITIZER_VERSION).toBe(1);
  });

  it.each(TEXT_TAGS.filter((tag) => !(tag in VOID_TAGS)))("keeps <%s> in every field", (tag) => {
    for (const field of ["content", "summary", "notes"] as const) {
      expect(sanitizeHtml(`<${tag}>x</${tag}>`, field)).toBe(`<${tag}>x</${tag}>`);
    }
  });

  it.each(Object.entries(VOID_TAGS))("keeps the empty element <%s>", (_tag, html) => {
    expect(sanitizeHtml(html, "content")).toBe(html);
  });

  it.each([
    ["<script>alert(1)</script>after", "after"],
    ["before<style>p { color: red }</style>", "before"],
    ["<font color='red'>text</font>", "text"],
    ["<marquee>text</marquee>", "text"],
    ["<main><article><section>text</section></article></main>", "text"],
    ["<nav><header>text</header></nav>", "text"],
    ["<mark>text</mark>", "text"],
    ["<form action='/x'><input name='a'>text</form>", "text"],
    ["<button>Click</button>", "Click"],
    ["<label>text</label>", "text"],
    ["<textarea>hidden</textarea>kept", "kept"],
    ["<select><option>one</option></select>kept", "kept"],
    ["<object data='https://example.org/x'>fallback</object>kept", "kept"],
    ["<embed src='https://www.youtube.com/v/x'>kept", "kept"],
    ["<svg><circle r='1'/><text>t</text></svg>kept", "kept"],
    ["<math><mi>x</mi></math>kept", "kept"],
    ["<noscript>hidden</noscript>kept", "kept"],
    ["<template><p>hidden</p></template>kept", "kept"],
    ["<link rel='stylesheet' href='https://example.org/x.css'>kept", "kept"],
    ["<meta http-equiv='refresh' content='0;url=https://example.org'>kept", "kept"],
    ["<base href='https://example.org/'>kept", "kept"],
    ["<!-- a comment -->kept", "kept"],
    ["<![CDATA[data]]>kept", "kept"],
    ["<!DOCTYPE html><html><head><title>t</title></head><body><p>kept</p></body></html>", "<p>kept</p>"],
  ])("removes disallowed markup from %j", (input, expected) => {
    expect(sanitizeHtml(input, "content")).toBe(expected);
  });

  it.each([
    ["<p><b>bold", "<p><b>bold</b></p>"],
    ["<em>a<strong>b</em>c", "<em>a<strong>b</strong></em>c"],
    ["<ul><li>one<li>two</ul>", "<ul><li>one</li><li>two</li></ul>"],
    ["<p>one<p>two", "<p>one</p><p>two</p>"],
    ["text</div></p>more", "text<p></p>more"],
    ["<table><tr><td>cell", "<table><tr><td>cell</td></tr></table>"],
  ])("repairs unclosed and stray tags in %j", (input, expected) => {
    expect(sanitizeHtml(input, "content")).toBe(expected);
  });
});

describe("sanitizeHtml: attributes", () => {
  it.each([
    [
      '<p align="center" dir="rtl" lang="en-GB" title="T">x</p>',
      '<p align="center" dir="rtl" lang="en-GB" title="T">x</p>',
    ],
    ['<p dir="sideways" lang="not a tag">x</p>', "<p>x</p>"],
    ['<span id="x" style="color:red" onclick="go()" data-x="1" tabindex="1">x</span>', "<span>x</span>"],
    [
      '<a href="https://example.org/page" name="n">x</a>',
      '<a href="https://example.org/page" name="n" rel="nofollow">x</a>',
    ],
    [
      '<a href="https://example.org" target="_blank" rel="opener">x</a>',
      '<a href="https://example.org/" rel="nofollow">x</a>',
    ],
    ['<a name="fn1"></a>', '<a name="fn1"></a>'],
    [
      '<abbr title="HyperText Markup Language">HTML</abbr>',
      '<abbr title="HyperText Markup Language">HTML</abbr>',
    ],
    [
      '<acronym title="Archive of Our Own">AO3</acronym>',
      '<acronym title="Archive of Our Own">AO3</acronym>',
    ],
    [
      '<img src="https://example.org/a.png" alt="A" width="100" height="50%" align="left" border="1" onerror="x()">',
      '<img src="https://example.org/a.png" alt="A" width="100" height="50%" align="left" />',
    ],
    ['<img src="http://example.org/a.png" alt="">', '<img src="http://example.org/a.png" alt="" />'],
    ['<img src="//example.org/a.png">', '<img src="https://example.org/a.png" />'],
    ['<img src="/images/a.png">', ""],
    ['<img src="a.png" alt="relative">', ""],
    [
      '<img width="x" height="10; background:red" src="https://example.org/a.png">',
      '<img src="https://example.org/a.png" />',
    ],
    [
      '<table><tr><td colspan="2" rowspan="3" align="right">x</td><th scope="col" colspan="x">h</th></tr></table>',
      '<table><tr><td colspan="2" rowspan="3" align="right">x</td><th scope="col">h</th></tr></table>',
    ],
    ['<ol start="3" type="a"><li>x</li></ol>', '<ol start="3" type="a"><li>x</li></ol>'],
    ['<ol start="three" type="z"><li>x</li></ol>', "<ol><li>x</li></ol>"],
    ['<ul type="square"><li>x</li></ul>', '<ul type="square"><li>x</li></ul>'],
    [
      '<blockquote cite="https://example.org/source">q</blockquote>',
      '<blockquote cite="https://example.org/source">q</blockquote>',
    ],
    ['<blockquote cite="/works/1">q</blockquote>', "<blockquote>q</blockquote>"],
    ['<q cite="javascript:alert(1)">q</q>', "<q>q</q>"],
    ["<details open><summary>S</summary>text</details>", "<details open><summary>S</summary>text</details>"],
    ['<details open="open" ontoggle="go()">x</details>', '<details open="open">x</details>'],
  ])("allowlists attributes: %j", (input, expected) => {
    expect(sanitizeHtml(input, "content")).toBe(expected);
  });

  it.each(["content", "notes", "summary"] as const)("drops class names in %s", (field) => {
    expect(sanitizeHtml('<p class="spoiler flash button">x</p>', field)).toBe("<p>x</p>");
  });
});

describe("sanitizeHtml: links", () => {
  it.each([
    ["https://example.org/a?b=c#d", "https://example.org/a?b=c#d"],
    ["http://example.org", "http://example.org/"],
    ["HTTPS://EXAMPLE.ORG/Path", "https://example.org/Path"],
    ["//example.org/x", "https://example.org/x"],
    ["mailto:author@example.org", "mailto:author@example.org"],
    ["/works/1/chapters/2", "/works/1/chapters/2"],
    ["../chapters/2", "../chapters/2"],
    ["#footnote1", "#footnote1"],
    ["  https://example.org/x  ", "https://example.org/x"],
  ])("keeps the href %j with rel=nofollow", (href, expected) => {
    expect(sanitizeHtml(`<a href="${href}">x</a>`, "summary")).toBe(
      `<a href="${expected}" rel="nofollow">x</a>`,
    );
  });

  it.each([
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "\tjavascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "java&#x09;script:alert(1)",
    "java&#x0A;script:alert(1)",
    "jav&NewLine;ascript&colon;alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript:alert(1)",
    "&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)",
    "javascript&colon;alert(1)",
    "&#14;javascript:alert(1)",
    "\u0001javascript:alert(1)",
    "java\u0000script:alert(1)",
    "vbscript:msgbox(1)",
    "VBScript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:text/html,<script>alert(1)</script>",
    " d&#97;ta:text/html,x",
    "ftp://example.org/file",
    "file:///etc/passwd",
    "https://user:password@example.org/",
    "http://",
  ])("removes the href %j", (href) => {
    expect(sanitizeHtml(`<a href="${href}">x</a>`, "content")).toBe("<a>x</a>");
  });
});

describe("sanitizeHtml: embeds and media", () => {
  const fields: HtmlField[] = ["summary", "notes"];

  it.each([
    ["http://www.youtube.com/embed/abc", "https://www.youtube.com/embed/abc"],
    ["https://www.youtube-nocookie.com/embed/abc", "https://www.youtube-nocookie.com/embed/abc"],
    ["//player.vimeo.com/video/123", "https://player.vimeo.com/video/123"],
    ["https://w.soundcloud.com/player/?url=x", "https://w.soundcloud.com/player/?url=x"],
    ["https://archive.org/embed/podfic-1", "https://archive.org/embed/podfic-1"],
    ["https://open.spotify.com/embed/track/1", "https://open.spotify.com/embed/track/1"],
    ["https://player.bilibili.com/player.html?bvid=1", "https://player.bilibili.com/player.html?bvid=1"],
    ["https://podfic.com/player/1", "https://podfic.com/player/1"],
  ])("keeps an iframe from %s in chapter text, over https", (src, expected) => {
    const input = `<iframe src="${src}" width="560" height="315" allowfullscreen frameborder="0" allow="autoplay" sandbox="" onload="go()"></iframe>`;
    expect(sanitizeHtml(input, "content")).toBe(
      `<iframe src="${expected}" width="560" height="315" allowfullscreen frameborder="0"></iframe>`,
    );
    for (const field of fields) expect(sanitizeHtml(input, field)).toBe("");
  });

  it.each([
    "https://evil.example/embed/abc",
    "https://www.youtube.com.evil.example/embed/abc",
    "https://evil.example/?https://www.youtube.com/embed/abc",
    "https://www.youtube.com@evil.example/embed/abc",
    "https://www.youtube.com:8080/embed/abc",
    "https://archive.org/details/not-an-embed",
    "/embed/relative",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "",
  ])("removes an iframe from %j with its contents", (src) => {
    expect(sanitizeHtml(`<iframe src="${src}">fallback <b>text</b></iframe>after`, "content")).toBe("after");
  });

  it("removes srcdoc from an allowed iframe", () => {
    const input =
      '<iframe src="https://www.youtube.com/embed/a" srcdoc="<script>alert(1)</script>"></iframe>';
    expect(sanitizeHtml(input, "content")).toBe('<iframe src="https://www.youtube.com/embed/a"></iframe>');
  });

  it("keeps audio and video with http(s) sources in chapter text only, with controls", () => {
    const input =
      '<audio src="https://example.org/a.mp3" autoplay loop onplay="go()">no audio</audio>' +
      '<video poster="https://example.org/p.jpg" width="640" preload="auto">' +
      '<source src="https://example.org/v.mp4" type="video/mp4">' +
      '<track src="https://example.org/v.vtt" kind="captions" srclang="en" label="English" default></video>';
    expect(sanitizeHtml(input, "content")).toBe(
      '<audio src="https://example.org/a.mp3" loop controls preload="metadata">no audio</audio>' +
        '<video poster="https://example.org/p.jpg" width="640" preload="metadata" controls>' +
        '<source src="https://example.org/v.mp4" type="video/mp4" />' +
        '<track src="https://example.org/v.vtt" kind="captions" srclang="en" label="English" default /></video>',
    );
    for (const field of fields) expect(sanitizeHtml(input, field)).toBe("no audio");
  });

  it("drops media sources that are not http(s)", () => {
    const input =
      '<audio src="javascript:alert(1)"></audio><video poster="data:image/png;base64,AA" src="/v.mp4">' +
      '<source src="data:video/mp4;base64,AA"><track src="javascript:alert(1)"></video>';
    expect(sanitizeHtml(input, "content")).toBe(
      '<audio controls preload="metadata"></audio><video controls preload="metadata"></video>',
    );
  });
});

describe("sanitizeHtml: robustness", () => {
  it.each([
    '<p class="x">A <a href="https://example.org">link</a> &amp; <img src="https://example.org/a.png" alt=""></p>',
    "<b>unclosed <i>tags",
    "Fish &amp; chips &lt;3 &nbsp;&copy; &#x1F600;",
    '<iframe src="http://www.youtube.com/embed/a" allowfullscreen></iframe><details open>x</details>',
    '<table><tr><td colspan="2">x</td></tr></table><ol start="-2"><li>y</li></ol>',
  ])("gives the same output when run again: %j", (input) => {
    const once = sanitizeHtml(input, "content");
    expect(sanitizeHtml(once, "content")).toBe(once);
  });

  it("escapes text and decodes entities to characters", () => {
    expect(sanitizeHtml("Fish &amp; chips &lt;3 &copy; &#x1F600; a < b > c", "summary")).toBe(
      "Fish &amp; chips &lt;3 © 😀 a &lt; b &gt; c",
    );
  });

  it("removes control characters and normalises line endings", () => {
    expect(sanitizeHtml("a\u0000b\u0007c\r\nd\re\u200bf", "content")).toBe("abc\nd\ne\u200bf");
  });

  it("never throws, whatever it is given", () => {
    expect(sanitizeHtml(undefined as unknown as string, "content")).toBe("");
    expect(sanitizeHtml("<p>x</p>", "bogus" as HtmlField)).toBe("<p>x</p>");
    expect(sanitizeHtml("\ud800 lone surrogate", "content")).toBe("\ufffd lone surrogate");
  });
});
