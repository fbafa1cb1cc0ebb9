import { describe, expect, it } from "vitest";
import { renderMarkdown } from "@/lib/text/markdown";

const REL = 'rel="nofollow ugc noopener"';

describe("renderMarkdown basics", () => {
  it("renders paragraphs and emphasis", () => {
    expect(renderMarkdown("مرحبا **بكم**\n\nsecond")).toBe("<p>مرحبا <strong>بكم</strong></p>\n<p>second</p>");
  });

  it.each([
    "بِسْمِ اللَّهِ الرَّحْمَٰنِ الرَّحِيمِ",
    "نموذجٌ رياضيّ للتنبّؤ بـــالأسعار، عام ٢٠٢٥؛ النسبة ٣٫٥٪ — هل هذا معقول؟",
    "السيناريو model-v2 يعطي 42 نتيجة (تقريباً) «بين قوسين»",
  ])("keeps Arabic text byte-identical: %s", (text) => {
    expect(renderMarkdown(text)).toBe(`<p>${text}</p>`);
  });

  it("drops raw HTML but keeps surrounding Markdown", () => {
    expect(renderMarkdown("a <b>bold</b> c")).toBe("<p>a bold c</p>");
    expect(renderMarkdown("<div>\nblock\n</div>\n\ntext")).toBe("<p>text</p>");
  });

  it("escapes special characters in text", () => {
    expect(renderMarkdown("1 < 2 & 3 > 2")).toBe("<p>1 &#x3C; 2 &#x26; 3 > 2</p>");
  });

  it("renders lists and blockquotes", () => {
    expect(renderMarkdown("> quote\n\n1. one\n2. two")).toBe(
      "<blockquote>\n<p>quote</p>\n</blockquote>\n<ol>\n<li>one</li>\n<li>two</li>\n</ol>",
    );
    expect(renderMarkdown("3. three")).toBe('<ol start="3">\n<li>three</li>\n</ol>');
  });

  it("returns an empty string for empty input", () => {
    expect(renderMarkdown("")).toBe("");
  });
});

describe("links", () => {
  it("adds rel to every link", () => {
    expect(renderMarkdown("[x](https://example.com)")).toBe(`<p><a href="https://example.com" ${REL}>x</a></p>`);
    expect(renderMarkdown("see https://example.com/a?b=1")).toBe(
      `<p>see <a href="https://example.com/a?b=1" ${REL}>https://example.com/a?b=1</a></p>`,
    );
    expect(renderMarkdown("www.example.com")).toBe(`<p><a href="http://www.example.com" ${REL}>www.example.com</a></p>`);
  });

  it("keeps link titles", () => {
    expect(renderMarkdown('[x](https://e.com "عنوان")')).toBe(`<p><a href="https://e.com" title="عنوان" ${REL}>x</a></p>`);
  });

  it("allows mailto and relative links", () => {
    expect(renderMarkdown("[m](mailto:a@example.com)")).toBe(`<p><a href="mailto:a@example.com" ${REL}>m</a></p>`);
    expect(renderMarkdown("[r](/scenarios/1)")).toBe(`<p><a href="/scenarios/1" ${REL}>r</a></p>`);
  });

  it("lower-cases an allowed scheme instead of dropping the link", () => {
    expect(renderMarkdown("[x](HTTPS://Example.com/A)")).toBe(`<p><a href="https://Example.com/A" ${REL}>x</a></p>`);
  });

  it.each(["[x](javascript:alert(1))", "[x](ftp://example.com)", "[x](irc://example.com)", "[x](tel:123)"])(
    "unwraps a link with a disallowed scheme into its text: %s",
    (source) => {
      expect(renderMarkdown(source)).toBe("<p>x</p>");
    },
  );

  it("prefixes fragment links like the sanitizer prefixes ids", () => {
    expect(renderMarkdown("[x](#section)")).toBe(`<p><a href="#user-content-section" ${REL}>x</a></p>`);
  });

  it("never emits target", () => {
    expect(renderMarkdown("[x](https://e.com) https://e.com [@sara](/u/sara)")).not.toMatch(/target/);
  });
});

describe("images", () => {
  it("become links whose text is the alt text", () => {
    expect(renderMarkdown("![مخطط](https://x.example/y.png)")).toBe(`<p><a href="https://x.example/y.png" ${REL}>مخطط</a></p>`);
  });

  it("use the URL as text when alt is empty", () => {
    expect(renderMarkdown("![](https://x.example/y.png)")).toBe(
      `<p><a href="https://x.example/y.png" ${REL}>https://x.example/y.png</a></p>`,
    );
  });

  it("become plain alt text when the protocol is not allowed", () => {
    expect(renderMarkdown("a ![alt](javascript:alert(1)) b")).toBe("<p>a alt b</p>");
    expect(renderMarkdown("a ![alt](data:image/png;base64,AAAA) b")).toBe("<p>a alt b</p>");
    expect(renderMarkdown("a ![](javascript:alert(1)) b")).toBe("<p>a  b</p>");
  });

  it("inside a link become plain alt text instead of a nested link", () => {
    expect(renderMarkdown("[![logo](https://x.example/l.png)](https://e.com)")).toBe(
      `<p><a href="https://e.com" ${REL}>logo</a></p>`,
    );
  });

  it("work as references too, and drop their title", () => {
    expect(renderMarkdown('![alt][i]\n\n[i]: https://x.example/i.png "t"')).toBe(
      `<p><a href="https://x.example/i.png" ${REL}>alt</a></p>`,
    );
  });
});

describe("mentions", () => {
  const mention = (handle: string) => `<a href="/u/${handle}" class="mention" ${REL}>@${handle}</a>`;

  it("links handles anywhere in text", () => {
    expect(renderMarkdown("@sara hi @Omar_99.")).toBe(`<p>${mention("sara")} hi ${mention("Omar_99")}.</p>`);
    expect(renderMarkdown("(@sara), @sara!")).toBe(`<p>(${mention("sara")}), ${mention("sara")}!</p>`);
  });

  it("links a handle attached to an Arabic word", () => {
    expect(renderMarkdown("شكراً و@sara")).toBe(`<p>شكراً و${mention("sara")}</p>`);
  });

  it("links mentions inside emphasis, lists and headings", () => {
    expect(renderMarkdown("**@sara**")).toBe(`<p><strong>${mention("sara")}</strong></p>`);
    expect(renderMarkdown("- @sara")).toBe(`<ul>\n<li>${mention("sara")}</li>\n</ul>`);
    expect(renderMarkdown("# @sara")).toBe(`<h3>${mention("sara")}</h3>`);
  });

  it("ignores handles that are too short or too long", () => {
    expect(renderMarkdown("@ab")).toBe("<p>@ab</p>");
    const long = "a".repeat(31);
    expect(renderMarkdown(`@${long}`)).toBe(`<p>@${long}</p>`);
    expect(renderMarkdown(`@${"a".repeat(30)}`)).toBe(`<p>${mention("a".repeat(30))}</p>`);
  });

  it("does not turn email addresses into mentions", () => {
    const html = renderMarkdown("write to sara@example.com or omar_1@host");
    expect(html).not.toContain("mention");
    expect(html).toContain('href="mailto:sara@example.com"');
    expect(renderMarkdown("@sara@example.social")).not.toContain("mention");
  });

  it("does not link inside code or links", () => {
    expect(renderMarkdown("`@sara`")).toBe("<p><code>@sara</code></p>");
    expect(renderMarkdown("```\n@sara\n```")).toBe("<pre><code>@sara\n</code></pre>");
    expect(renderMarkdown("[@sara](https://e.com)")).toBe(`<p><a href="https://e.com" ${REL}>@sara</a></p>`);
  });
});

describe("headings", () => {
  it("demotes h1 and h2 to h3", () => {
    expect(renderMarkdown("# a\n\n## b")).toBe("<h3>a</h3>\n<h3>b</h3>");
    expect(renderMarkdown("a\n===\n\nb\n---")).toBe("<h3>a</h3>\n<h3>b</h3>");
  });

  it("keeps h3 to h6", () => {
    expect(renderMarkdown("### a\n#### b\n##### c\n###### d")).toBe("<h3>a</h3>\n<h4>b</h4>\n<h5>c</h5>\n<h6>d</h6>");
  });
});

describe("code", () => {
  it("keeps fenced code content escaped with its language class", () => {
    expect(renderMarkdown('```html\n<script>alert("x")</script> & @sara\n```')).toBe(
      '<pre><code class="language-html">&#x3C;script>alert("x")&#x3C;/script> &#x26; @sara\n</code></pre>',
    );
  });

  it("keeps inline code escaped", () => {
    expect(renderMarkdown("`<img src=x onerror=alert(1)>`")).toBe("<p><code>&#x3C;img src=x onerror=alert(1)></code></p>");
  });

  it("drops language classes that are not plain identifiers", () => {
    expect(renderMarkdown('```x"onclick\ncode\n```')).toBe("<pre><code>code\n</code></pre>");
  });
});

describe("GFM", () => {
  it("renders tables with alignment", () => {
    expect(renderMarkdown("| a | b |\n|:--|--:|\n| 1 | 2 |")).toBe(
      '<table>\n<thead>\n<tr>\n<th align="left">a</th>\n<th align="right">b</th>\n</tr>\n</thead>\n' +
        '<tbody>\n<tr>\n<td align="left">1</td>\n<td align="right">2</td>\n</tr>\n</tbody>\n</table>',
    );
  });

  it("renders strikethrough", () => {
    expect(renderMarkdown("~~قديم~~ جديد")).toBe("<p><del>قديم</del> جديد</p>");
  });

  it("renders task lists as disabled checkboxes", () => {
    expect(renderMarkdown("- [x] done\n- [ ] todo")).toBe(
      '<ul class="contains-task-list">\n<li class="task-list-item"><input type="checkbox" checked disabled> done</li>\n' +
        '<li class="task-list-item"><input type="checkbox" disabled> todo</li>\n</ul>',
    );
  });

  it("renders footnotes whose links point at prefixed ids", () => {
    const html = renderMarkdown("claim[^1]\n\n[^1]: source");
    expect(html).toContain('<a href="#user-content-fn-1" id="user-content-fnref-1"');
    expect(html).toContain('<li id="user-content-fn-1">');
    expect(html).toContain('href="#user-content-fnref-1"');
    expect(html).toContain('<h3 class="sr-only" id="user-content-footnote-label">');
    expect(html).not.toContain("<h2");
  });
});
