import { describe, expect, it } from "vitest";
import { markdownToHtml } from "@/lib/text/markdown";

interface Attribute {
  tag: string;
  name: string;
  value: string;
}

// Quoted values may contain ">" so a tag runs until the first ">" outside quotes.
const TAG = /<([a-zA-Z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
const NAMED_ENTITIES: Record<string, string> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", colon: ":", tab: "\t", newline: "\n", sol: "/", lpar: "(",
};
const FORBIDDEN_TAG = /<(?:script|iframe|object|embed|form|meta|base|link|style|svg|math|img)\b/i;
const ALLOWED_TAGS = new Set(
  "a blockquote br code del em h3 h4 h5 h6 hr input li ol p pre section strong sup table tbody td th thead tr ul".split(" "),
);
const ALLOWED_ATTRIBUTES = new Set([
  "href", "title", "class", "rel", "id", "type", "checked", "disabled", "align", "start",
  "data-footnote-ref", "data-footnote-backref", "data-footnotes", "aria-label", "aria-describedby",
]);

function decodeEntities(value: string): string {
  return value
    .replace(/&#x([\da-f]+);?/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&([a-z]+);/gi, (entity, name: string) => NAMED_ENTITIES[name.toLowerCase()] ?? entity);
}

function parseAttributes(html: string): Attribute[] {
  const found: Attribute[] = [];
  for (const [, tag, rest] of html.matchAll(TAG)) {
    for (const [, name, double, single, bare] of rest!.matchAll(ATTRIBUTE)) {
      found.push({ tag: tag!.toLowerCase(), name: name!.toLowerCase(), value: decodeEntities(double ?? single ?? bare ?? "") });
    }
  }
  return found;
}

function findProblems(html: string): string[] {
  const problems: string[] = [];
  if (FORBIDDEN_TAG.test(html)) problems.push("forbidden tag");
  for (const [, tag] of html.matchAll(TAG)) if (!ALLOWED_TAGS.has(tag!.toLowerCase())) problems.push(`tag ${tag}`);
  for (const { tag, name, value } of parseAttributes(html)) {
    if (/^on/.test(name) || name === "style" || name === "target" || !ALLOWED_ATTRIBUTES.has(name)) {
      problems.push(`attribute ${name} on ${tag}`);
    }
    // Strip what browsers ignore inside URLs so "java\tscript:" is caught too.
    const compact = value.replace(/[\u0000-\u0020\u007F-\u009F\u00AD\u200B-\u200F\u2060\uFEFF]/g, "").toLowerCase();
    if (/(?:java|vb)script:|\bdata:/.test(compact)) problems.push(`script URL in ${name}="${value}"`);
    if (tag === "a" && name === "href" && /^[a-z][a-z\d+.-]*:/.test(compact) && !/^(?:https?|mailto):/.test(compact)) {
      problems.push(`scheme in href="${value}"`);
    }
  }
  for (const [anchor] of html.matchAll(/<a\b[^>]*>/g)) {
    if (!anchor.includes('rel="nofollow ugc noopener"')) problems.push(`link without rel: ${anchor}`);
  }
  return problems;
}

const PAYLOADS = [
  "<script>alert(1)</script>",
  "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
  "<scr<script>ipt>alert(1)</scr</script>ipt>",
  "<img src=x onerror=alert(1)>",
  '<img src="x" onerror="alert(1)"/>',
  "<svg onload=alert(1)>",
  "<svg><script>alert(1)</script></svg>",
  '<svg><a xlink:href="javascript:alert(1)"><text x="0" y="20">x</text></a></svg>',
  '<math href="javascript:alert(1)">x</math>',
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  "<!--><img src=x onerror=alert(1)>-->",
  "<![CDATA[<script>alert(1)</script>]]>",
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">',
  '<form action="javascript:alert(1)"><button>x</button></form>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  "<style>body{background:url(javascript:alert(1))}</style>",
  '<p style="background:url(javascript:alert(1))">x</p>',
  '<xss style="behavior:url(x.htc)">x</xss>',
  "<details open ontoggle=alert(1)>x</details>",
  "<input autofocus onfocus=alert(1)>",
  "<video><source onerror=alert(1)></video>",
  "<body onload=alert(1)>",
  '<a href="javascript:alert(1)">[x](https://example.com)</a>',
  '<a href="&#0000106&#0000097vascript:alert(1)">x</a>',
  "[x](javascript:alert(1))",
  "[x](JaVaScRiPt:alert(1))",
  "[x]( javascript:alert(1) )",
  "[x](javascript&#58;alert(1))",
  "[x](javascript&colon;alert(1))",
  "[x](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))",
  "[x](&#x6A;avascript:alert(1))",
  "[x](java&#x09;script:alert(1))",
  "[x](java&#x0A;script:alert(1))",
  "[x](<java\tscript:alert(1)>)",
  "[x](java\u200Bscript:alert(1))",
  "[x](java\u0000script:alert(1))",
  "[x](\u0001javascript:alert(1))",
  "[x](ｊａｖａｓｃｒｉｐｔ:alert(1))",
  "[x](javascript://%0Aalert(1))",
  "[x](%6Aavascript:alert(1))",
  "[x](vbscript:msgbox(1))",
  "[x](VBScript:msgbox(1))",
  "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "[x](DATA:text/html,<script>alert(1)</script>)",
  '[x](javascript:alert(1) "title")',
  '[x](https://example.com "javascript:alert(1)")',
  '[x](https://example.com "\\" onmouseover=\\"alert(1)")',
  '[x](https://example.com/" onclick="alert(1))',
  "[x](https://example.com/?q=javascript:alert(1))",
  "[x][ref]\n\n[ref]: javascript:alert(1)",
  '[x][ref]\n\n[ref]: <javascript:alert(1)> "t"',
  "[ref]\n\n[ref]: data:text/html,alert(1)",
  "<javascript:alert(1)>",
  "<JAVASCRIPT:alert(1)>",
  "<vbscript:msgbox(1)>",
  "<data:text/html,alert(1)>",
  "![x](javascript:alert(1))",
  "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
  '![x" onerror="alert(1)](https://example.com/a.png)',
  '![a](https://example.com/a.png "onerror=alert(1)")',
  "**<img src=x onerror=alert(1)>**",
  "[<img src=x onerror=alert(1)>](https://example.com)",
  "[**x**](javascript:alert(1))",
  "[@evil](javascript:alert(1))",
  "@<script>alert(1)</script>",
  "- [ ] <img src=x onerror=alert(1)>",
  "| a |\n|---|\n| <script>alert(1)</script> |",
  '> <iframe srcdoc="<script>alert(1)</script>">',
  "x[^1]\n\n[^1]: [y](javascript:alert(1))",
  "```\n</code></pre><script>alert(1)</script>\n```",
  "`</code><img src=x onerror=alert(1)>`",
  "<a\nhref=javascript:alert(1)>x</a>",
  "\u202E<script>alert(1)</script>",
  "<scri\u0000pt>alert(1)</scri\u0000pt>",
];

describe("XSS checker", () => {
  it("catches attributes in any quoting", () => {
    const problems = findProblems(`<a href=javascript:alert(1)>x</a><p onclick='x' STYLE="a">y</p><b x=y>`);
    expect(problems).toEqual(
      expect.arrayContaining([
        "script URL in href=\"javascript:alert(1)\"",
        "attribute onclick on p",
        "attribute style on p",
        "tag b",
        "link without rel: <a href=javascript:alert(1)>",
      ]),
    );
    expect(findProblems('<a href="java&#x09;script:x" rel="nofollow ugc noopener">x</a>')).toContain(
      'script URL in href="java\tscript:x"',
    );
    expect(findProblems('<a href="/u/sara" class="mention" rel="nofollow ugc noopener">@sara</a>')).toEqual([]);
  });
});

describe("markdownToHtml XSS corpus", () => {
  it("has a substantial corpus", () => {
    expect(PAYLOADS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(PAYLOADS)("neutralises %j", (payload) => {
    const html = markdownToHtml(payload);
    expect(findProblems(html), html).toEqual([]);
    expect(html).not.toMatch(/<script/i);
  });

  it.each(PAYLOADS)("stays safe when %j is nested in Markdown containers", (payload) => {
    const html = markdownToHtml(`> - **${payload}**\n\n| c |\n|---|\n| ${payload.replace(/\n/g, " ")} |`);
    expect(findProblems(html), html).toEqual([]);
  });
});
