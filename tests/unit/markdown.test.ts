import { describe, expect, it } from "vitest";
import { markdownToHtml } from "@/lib/text/markdown";

const REL = 'rel="nofollow ugc noopener"';

describe("markdownToHtml basics", () => {
  it("renders paragraphs and emphasis", () => {
    expect(markdownToHtml("مرحبا **بكم**\n\nsecond")).toBe("<p>مرحبا <strong>بكم</strong></p>\n<p>second</p>");
  });

  it.each([
    "بِسْمِ اللَّهِ الرَّحْمَٰنِ الرَّحِيمِ",
    "نموذجٌ رياضيّ للتنبّؤ بـــالأسعار، عام ٢٠٢٥؛ النسبة ٣٫٥٪ — هل هذا معقول؟",
    "السيناريو model-v2 يعطي 42 نتيجة (تقريباً) «بين قوسين»",
  ])("keeps Arabic text byte-identical: %s", (text) => {
    expect(markdownToHtml(text)).toBe(`<p>${text}</p>`);
  });

  it("drops raw HTML but keeps surrounding Markdown", () => {
    expect(markdownToHtml("a <b>bold</b> c")).toBe("<p>a bold c</p>");
    expect(markdownToHtml("<div>\nblock\n</div>\n\ntext")).toBe("<p>text</p>");
  });

  it("escapes special characters in text", () => {
    expect(markdownToHtml("1 < 2 & 3 > 2")).toBe("<p>1 &#x3C; 2 &#x26; 3 > 2</p>");
  });

  it("renders lists and blockquotes", () => {
    expect(markdownToHtml("> quote\n\n1. one\n2. two")).toBe(
      "<blockquote>\n<p>quote</p>\n</blockquote>\n<ol>\n<li>one</li>\n<li>two</li>\n</ol>",
    );
    expect(markdownToHtml("3. three")).toBe('<ol start="3">\n<li>three</li>\n</ol>');
  });

  it("returns an empty string for empty input", () => {
    expect(markdownToHtml("")).toBe("");
  });
});

describe("links", () => {
  it("adds rel to every link", () => {
    expect(markdownToHtml("[x](https://example.com)")).toBe(`<p><a href="https://example.com" ${REL}>x</a></p>`);
    expect(markdownToHtml("see https://example.com/a?b=1")).toBe(
      `<p>see <a href="https://example.com/a?b=1" ${REL}>https://example.com/a?b=1</a></p>`,
    );
    expect(markdownToHtml("www.example.com")).toBe(`<p><a href="http://www.example.com" ${REL}>www.example.com</a></p>`);
  });

  it("keeps link titles", () => {
    expect(markdownToHtml('[x](https://e.com "عنوان")')).toBe(`<p><a href="https://e.com" title="عنوان" ${REL}>x</a></p>`);
  });

  it("allows mailto and relative links", () => {
    expect(markdownToHtml("[m](mailto:a@example.com)")).toBe(`<p><a href="mailto:a@example.com" ${REL}>m</a></p>`);
    expect(markdownToHtml("[r](/scenarios/1)")).toBe(`<p><a href="/scenarios/1" ${REL}>r</a></p>`);
  });

  it("lower-cases an allowed scheme instead of dropping the link", () => {
    expect(markdownToHtml("[x](HTTPS://Example.com/A)")).toBe(`<p><a href="https://Example.com/A" ${REL}>x</a></p>`);
  });

  it.each(["[x](javascript:alert(1))", "[x](ftp://example.com)", "[x](irc://example.com)", "[x](tel:123)"])(
    "unwraps a link with a disallowed scheme into its text: %s",
    (source) => {
      expect(markdownToHtml(source)).toBe("<p>x</p>");
    },
  );

  it("prefixes fragment links like the sanitizer prefixes ids", () => {
    expect(markdownToHtml("[x](#section)")).toBe(`<p><a href="#user-content-section" ${REL}>x</a></p>`);
  });

  it("never emits target", () => {
    expect(markdownToHtml("[x](https://e.com) https://e.com [@sara](/u/sara)")).not.toMatch(/target/);
  });
});

describe("images", () => {
  it("become links whose text is the alt text", () => {
    expect(markdownToHtml("![مخطط](https://x.example/y.png)")).toBe(`<p><a href="https://x.example/y.png" ${REL}>مخطط</a></p>`);
  });

  it("use the URL as text when alt is empty", () => {
    expect(markdownToHtml("![](https://x.example/y.png)")).toBe(
      `<p><a href="https://x.example/y.png" ${REL}>https://x.example/y.png</a></p>`,
    );
  });

  it("become plain alt text when the protocol is not allowed", () => {
    expect(markdownToHtml("a ![alt](javascript:alert(1)) b")).toBe("<p>a alt b</p>");
    expect(markdownToHtml("a ![alt](data:image/png;base64,AAAA) b")).toBe("<p>a alt b</p>");
    expect(markdownToHtml("a ![](javascript:alert(1)) b")).toBe("<p>a  b</p>");
  });

  it("inside a link become plain alt text instead of a nested link", () => {
    expect(markdownToHtml("[![logo](https://x.example/l.png)](https://e.com)")).toBe(
      `<p><a href="https://e.com" ${REL}>logo</a></p>`,
    );
  });

  it("work as references too, and drop their title", () => {
    expect(markdownToHtml('![alt][i]\n\n[i]: https://x.example/i.png "t"')).toBe(
      `<p><a href="https://x.example/i.png" ${REL}>alt</a></p>`,
    );
  });
});

describe("mentions", () => {
  const mention = (handle: string) => `<a href="/u/${handle}" class="mention" ${REL}>@${handle}</a>`;

  it("links handles anywhere in text", () => {
    expect(markdownToHtml("@sara hi @Omar_99.")).toBe(`<p>${mention("sara")} hi ${mention("Omar_99")}.</p>`);
    expect(markdownToHtml("(@sara), @sara!")).toBe(`<p>(${mention("sara")}), ${mention("sara")}!</p>`);
  });

  it("links a handle attached to an Arabic word", () => {
    expect(markdownToHtml("شكراً و@sara")).toBe(`<p>شكراً و${mention("sara")}</p>`);
  });

  it("links mentions inside emphasis, lists and headings", () => {
    expect(markdownToHtml("**@sara**")).toBe(`<p><strong>${mention("sara")}</strong></p>`);
    expect(markdownToHtml("- @sara")).toBe(`<ul>\n<li>${mention("sara")}</li>\n</ul>`);
    expect(markdownToHtml("# @sara")).toBe(`<h3>${mention("sara")}</h3>`);
  });

  it("ignores handles that are too short or too long", () => {
    expect(markdownToHtml("@ab")).toBe("<p>@ab</p>");
    const long = "a".repeat(31);
    expect(markdownToHtml(`@${long}`)).toBe(`<p>@${long}</p>`);
    expect(markdownToHtml(`@${"a".repeat(30)}`)).toBe(`<p>${mention("a".repeat(30))}</p>`);
  });

  it("does not turn email addresses into mentions", () => {
    const html = markdownToHtml("write to sara@example.com or omar_1@host");
    expect(html).not.toContain("mention");
    expect(html).toContain('href="mailto:sara@example.com"');
    expect(markdownToHtml("@sara@example.social")).not.toContain("mention");
  });

  it("does not link inside code or links", () => {
    expect(markdownToHtml("`@sara`")).toBe("<p><code>@sara</code></p>");
    expect(markdownToHtml("```\n@sara\n```")).toBe("<pre><code>@sara\n</code></pre>");
    expect(markdownToHtml("[@sara](https://e.com)")).toBe(`<p><a href="https://e.com" ${REL}>@sara</a></p>`);
  });
});

describe("headings", () => {
  it("demotes h1 and h2 to h3", () => {
    expect(markdownToHtml("# a\n\n## b")).toBe("<h3>a</h3>\n<h3>b</h3>");
    expect(markdownToHtml("a\n===\n\nb\n---")).toBe("<h3>a</h3>\n<h3>b</h3>");
  });

  it("keeps h3 to h6", () => {
    expect(markdownToHtml("### a\n#### b\n##### c\n###### d")).toBe("<h3>a</h3>\n<h4>b</h4>\n<h5>c</h5>\n<h6>d</h6>");
  });
});

describe("code", () => {
  it("keeps fenced code content escaped with its language class", () => {
    expect(markdownToHtml('```html\n<script>alert("x")</script> & @sara\n```')).toBe(
      '<pre><code class="language-html">&#x3C;script>alert("x")&#x3C;/script> &#x26; @sara\n</code></pre>',
    );
  });

  it("keeps inline code escaped", () => {
    expect(markdownToHtml("`<img src=x onerror=alert(1)>`")).toBe("<p><code>&#x3C;img src=x onerror=alert(1)></code></p>");
  });

  it("drops language classes that are not plain identifiers", () => {
    expect(markdownToHtml('```x"onclick\ncode\n```')).toBe("<pre><code>code\n</code></pre>");
  });
});

describe("GFM", () => {
  it("renders tables with alignment", () => {
    expect(markdownToHtml("| a | b |\n|:--|--:|\n| 1 | 2 |")).toBe(
      '<table>\n<thead>\n<tr>\n<th align="left">a</th>\n<th align="right">b</th>\n</tr>\n</thead>\n' +
        '<tbody>\n<tr>\n<td align="left">1</td>\n<td align="right">2</td>\n</tr>\n</tbody>\n</table>',
    );
  });

  it("renders strikethrough", () => {
    expect(markdownToHtml("~~قديم~~ جديد")).toBe("<p><del>قديم</del> جديد</p>");
  });

  it("renders task lists as disabled checkboxes", () => {
    expect(markdownToHtml("- [x] done\n- [ ] todo")).toBe(
      '<ul class="contains-task-list">\n<li class="task-list-item"><input type="checkbox" checked disabled> done</li>\n' +
        '<li class="task-list-item"><input type="checkbox" disabled> todo</li>\n</ul>',
    );
  });

  it("renders footnotes whose links point at prefixed ids", () => {
    const html = markdownToHtml("claim[^1]\n\n[^1]: source");
    expect(html).toContain('<a href="#user-content-fn-1" id="user-content-fnref-1"');
    expect(html).toContain('<li id="user-content-fn-1">');
    expect(html).toContain('href="#user-content-fnref-1"');
    expect(html).toContain('<h3 class="sr-only" id="user-content-footnote-label">');
    expect(html).not.toContain("<h2");
  });
});
