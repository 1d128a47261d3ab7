import { Parser } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { GLOBAL_ATTRIBUTES, MEDIA_TAGS, TAG_ATTRIBUTES, TEXT_TAGS } from "./allowlist.js";
import { embedSrc } from "./embeds.js";
import { sanitizeHtml, type HtmlField } from "./sanitizer.js";
import { prepareHtml } from "./text-format.js";
import { cleanUrl } from "./urls.js";

// Hostile input in the style of the OWASP XSS filter evasion cheat sheet, plus Markdown spellings.
const PAYLOADS: string[] = [
  "<script>alert(1)</script>",
  "<SCRIPT SRC=http://xss.rocks/xss.js></SCRIPT>",
  "<ScRiPt>alert(1)</sCrIpT>",
  '<script/xss src="http://xss.rocks/xss.js"></script>',
  '<<SCRIPT>alert("XSS");//<</SCRIPT>',
  "<script>alert(1)",
  "<scr<script>ipt>alert(1)</scr</script>ipt>",
  "<scr\u0000ipt>alert(1)</scr\u0000ipt>",
  "<IMG SRC=\"javascript:alert('XSS');\">",
  "<IMG SRC=javascript:alert('XSS')>",
  "<IMG SRC=JaVaScRiPt:alert('XSS')>",
  '<IMG SRC=`javascript:alert("XSS")`>',
  '<img src="x`" `onerror=alert(1)>',
  '<IMG """><SCRIPT>alert("XSS")</SCRIPT>">',
  "<IMG SRC=# onmouseover=\"alert('xxs')\">",
  "<IMG SRC= onmouseover=\"alert('xxs')\">",
  "<IMG onmouseover=\"alert('xxs')\">",
  '<IMG SRC=/ onerror="alert(String.fromCharCode(88,83,83))"></img>',
  "<img src=x OnErRoR=alert(1)>",
  '<img src=x onerror="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)">',
  "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
  "<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>",
  "<IMG SRC=\"jav\tascript:alert('XSS');\">",
  "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
  "<IMG SRC=\"jav&#x0A;ascript:alert('XSS');\">",
  "<IMG SRC=\"jav&#x0D;ascript:alert('XSS');\">",
  "<IMG SRC=\" &#14;  javascript:alert('XSS');\">",
  '<img src="https://example.org/a.png" alt="x" / onerror=alert(1)>',
  '<img src="https://example.org/a.png" onerror=alert(1)//',
  '<img srcset="x 1x, javascript:alert(1) 2x" src="https://example.org/a.png">',
  '<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert("XSS")>',
  '<a href="javascript&colon;alert(1)">x</a>',
  '<a href="&#x6A;avascript:alert(1)">x</a>',
  "<a href=javas&#99;ript:alert(1)>x</a>",
  '<a href="jav&NewLine;ascript&colon;alert(1)">x</a>',
  '<a href="javascript://%0Aalert(1)">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<a href=" JAVASCRIPT:alert(1)">x</a>',
  '<a href="java\u0000script:alert(1)">x</a>',
  '<a href="\u0001\u0002javascript:alert(1)">x</a>',
  '<a href="https://example.org"\u0000onclick=alert(1)>x</a>',
  '<a href="https://example.org" onclick="alert(1)" ONCLICK="x" oNmOuSeOvEr="x">x</a>',
  '<a href="https://example.org" style="position:fixed;top:0;left:0;width:100%;height:100%">x</a>',
  "<svg onload=alert(1)>",
  "<svg><script>alert(1)</script></svg>",
  '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">XSS</text></a></svg>',
  "<svg><style>&lt;img src=x onerror=alert(1)&gt;</style></svg>",
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  '<math href="javascript:alert(1)">CLICKME</math>',
  '<p style="background:url(javascript:alert(1))">x</p>',
  "<div style=\"width: expression(alert('XSS'));\">x</div>",
  "<DIV STYLE=\"background-image: url(&#1;javascript:alert('XSS'))\">x</DIV>",
  "<STYLE>@import'http://xss.rocks/xss.css';</STYLE>",
  "<STYLE>li {list-style-image: url(\"javascript:alert('XSS')\");}</STYLE><UL><LI>XSS</br>",
  '<LINK REL="stylesheet" HREF="javascript:alert(\'XSS\');">',
  '<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert(\'XSS\');">',
  '<META HTTP-EQUIV="refresh" CONTENT="0;url=data:text/html base64,PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4K">',
  "<BASE HREF=\"javascript:alert('XSS');//\">",
  "<IFRAME SRC=\"javascript:alert('XSS');\"></IFRAME>",
  '<IFRAME SRC=# onmouseover="alert(document.cookie)"></IFRAME>',
  '<iframe src="https://evil.example/embed"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<iframe src="https://www.youtube.com/embed/x" srcdoc="<script>alert(1)</script>" onload="alert(1)"></iframe>',
  '<iframe src="https://www.youtube.com.evil.example/embed/x"></iframe>',
  '<iframe src="data:text/html,<script>alert(1)</script>"></iframe>',
  '<iframe src="https://www.youtube.com/embed/x"><iframe src="https://www.youtube.com/embed/y"></iframe><img src=x onerror=alert(1)></iframe>',
  '<OBJECT TYPE="text/x-scriptlet" DATA="http://xss.rocks/scriptlet.html"></OBJECT>',
  '<EMBED SRC="data:image/svg+xml;base64,PHN2ZyB4bWxuczpzdmc9Imh0dH A6Ly93d3cudzMub3JnLzIwMDAvc3ZnIj48L3N2Zz4=" AllowScriptAccess="always"></EMBED>',
  '<FORM action="javascript:alert(1)"><INPUT TYPE="submit"></FORM>',
  "<input onfocus=alert(1) autofocus>",
  '<button formaction="javascript:alert(1)">x</button>',
  '<isindex action="javascript:alert(1)" type=image>',
  "<TABLE BACKGROUND=\"javascript:alert('XSS')\"><TD BACKGROUND=\"javascript:alert('XSS')\">x</TD></TABLE>",
  '<body background="javascript:alert(1)">',
  "<frameset onload=alert(1)>",
  '<portal src="https://evil.example/">',
  "<!--[if gte IE 4]><SCRIPT>alert('XSS');</SCRIPT><![endif]-->",
  "<![CDATA[<script>alert(1)</script>]]>",
  "<!-- --!><script>alert(1)</script> -->",
  '<p title="</p><script>alert(1)</script>">x</p>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  "<xmp><script>alert(1)</script></xmp>",
  "<textarea><script>alert(1)</script></textarea>",
  "<title><script>alert(1)</script></title>",
  "<template><script>alert(1)</script></template>",
  "<plaintext><script>alert(1)</script>",
  "<details open ontoggle=alert(1)>x</details>",
  '<video><source onerror="alert(1)"></video>',
  "<audio src=x onerror=alert(1)>",
  "<video poster=javascript:alert(1)//></video>",
  "<marquee onstart=alert(1)>x</marquee>",
  "<keygen autofocus onfocus=alert(1)>",
  '<a href="https://example.org" target="_blank">x</a>',
  "[x](javascript:alert(1))",
  "[x]( JAVASCRIPT:alert(1))",
  "![x](javascript:alert(1))",
  "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "[x](vbscript:msgbox(1))",
  "<javascript:alert(1)>",
  "`<script>alert(1)</script>`",
  "<div>".repeat(10_000) + "deep" + "</div>".repeat(10_000),
  "<b>".repeat(10_000) + "unclosed",
  "<table><tr><td>".repeat(3_000) + "cells",
  "<a><b><i><span>".repeat(5_000) + "mixed",
  "<".repeat(100_000),
  '<p title="'.repeat(10_000),
];

const ALLOWED_TAGS: Record<HtmlField, Set<string>> = {
  content: new Set([...TEXT_TAGS, ...MEDIA_TAGS]),
  summary: new Set(TEXT_TAGS),
  notes: new Set(TEXT_TAGS),
};
const URL_ATTRIBUTES = new Set(["href", "src", "cite", "poster"]);
const FORBIDDEN_MARKUP = /<\s*\/?\s*(script|style|object|embed|meta|base|form|input|svg|math|link)\b/i;

/** Every element and attribute in `html`, as a real parser reads it. */
function elementsOf(html: string): Array<{ name: string; attrs: Record<string, string> }> {
  const elements: Array<{ name: string; attrs: Record<string, string> }> = [];
  const parser = new Parser({ onopentag: (name, attrs) => elements.push({ name, attrs }) });
  parser.write(html);
  parser.end();
  return elements;
}

function expectSafe(output: string, field: HtmlField): void {
  expect(output).not.toMatch(FORBIDDEN_MARKUP);
  expect(output).not.toMatch(/srcdoc/i);
  for (const { name, attrs } of elementsOf(output)) {
    expect(ALLOWED_TAGS[field].has(name), `<${name}> in ${field}`).toBe(true);
    const allowed = new Set([...GLOBAL_ATTRIBUTES, "class", ...(TAG_ATTRIBUTES[name] ?? [])]);
    for (const [attribute, value] of Object.entries(attrs)) {
      expect(allowed.has(attribute), `${attribute} on <${name}>`).toBe(true);
      expect(attribute).not.toMatch(/^on|^style$|^srcdoc$/i);
      if (URL_ATTRIBUTES.has(attribute)) {
        expect(cleanUrl(value).toLowerCase()).not.toMatch(/^(javascript|vbscript|data|file):/);
        expect(cleanUrl(value)).toMatch(/^(https?:\/\/|mailto:|#|\/(?!\/)|\.|[^:]*$)/i);
      }
    }
    if (name === "iframe") expect(embedSrc(attrs.src ?? "")).toBe(attrs.src);
    if (name === "a" && attrs.href !== undefined) expect(attrs.rel).toBe("nofollow");
  }
}

describe("the XSS corpus", () => {
  it("has enough payloads", () => {
    expect(PAYLOADS.length).toBeGreaterThanOrEqual(60);
  });

  describe.each(["content", "summary", "notes"] as const)("in %s", (field) => {
    it.each(PAYLOADS.map((payload, i) => [i, payload.slice(0, 60), payload] as const))(
      "#%i %j leaves nothing executable",
      (_i, _label, payload) => {
        expectSafe(sanitizeHtml(payload, field), field);
        expectSafe(prepareHtml(payload, "html", field).html, field);
        expectSafe(prepareHtml(payload, "markdown", field).html, field);
      },
    );
  });

  it("would notice an unsafe output", () => {
    for (const unsafe of [
      '<img src="https://example.org/a.png" onerror="alert(1)">',
      '<a href="javascript:alert(1)" rel="nofollow">x</a>',
      '<a href="https://example.org/">no nofollow</a>',
      '<iframe src="https://evil.example/"></iframe>',
      '<p style="color:red">x</p>',
      "<SCRIPT>alert(1)</SCRIPT>",
      "<font>x</font>",
    ]) {
      expect(() => expectSafe(unsafe, "content"), unsafe).toThrow();
    }
  });
});

describe("deep nesting", () => {
  const deep: Array<[string, string]> = [
    ["10,000 nested divs", "<div>".repeat(10_000) + "deep" + "</div>".repeat(10_000)],
    ["10,000 unclosed inline tags", "<b><i>".repeat(5_000) + "deep"],
    ["10,000 nested blockquotes", "<blockquote>".repeat(10_000) + "deep"],
    ["10,000 nested tables", "<table><tr><td>".repeat(10_000) + "deep"],
    ["10,000 nested lists", "<ul><li>".repeat(10_000) + "deep"],
  ];

  it.each(deep)("handles %s in under a second at each step", (_name, html) => {
    for (const run of [
      () => sanitizeHtml(html, "content"),
      () => prepareHtml(html, "html", "content").html,
      () => prepareHtml(html, "markdown", "content").html,
    ]) {
      const started = performance.now();
      const output = run();
      expect(performance.now() - started).toBeLessThan(1_000);
      expect(output).toContain("deep");
    }
  });

  it("caps the nesting and keeps the text", () => {
    const output = sanitizeHtml("<div>".repeat(10_000) + "deep" + "</div>".repeat(10_000), "content");
    expect(output).toBe("<div>".repeat(100) + "deep" + "</div>".repeat(100));
  });

  it("sanitizes a chapter-sized (510 KB) run of unclosed tags without hanging", () => {
    const started = performance.now();
    sanitizeHtml("<b>".repeat(170_000), "content");
    sanitizeHtml("<b>".repeat(85_000) + "</i>".repeat(42_000), "content");
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
