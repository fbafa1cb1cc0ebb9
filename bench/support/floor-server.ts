/**
 * The floor the post page is measured against: a minimal node:http server that reads the same rows the page
 * shows (the post, and its visible scenarios with their stored HTML and authors) from the same PostgreSQL
 * database on every request and fills a template, with no framework, no session and no cache. Started as a
 * child process by bench/page.ts: `tsx bench/support/floor-server.ts <database-url>`; prints its port.
 */
import { createServer } from "node:http";
import postgres from "postgres";
import { escapeHtml } from "@/lib/text/markdown";

const sql = postgres(process.argv[2]!, { max: 4 });

type Row = { id: string; title: string; html: string; x: number; y: number; score: number; reply_count: number; name: string };

async function page(slug: string): Promise<string | null> {
  const [post] = await sql<{ id: string; title: string; html: string; question: string }[]>`
    select id, title, html, question from posts where slug = ${slug}`;
  if (!post) return null;
  const rows = await sql<Row[]>`
    select s.id, s.title, s.html, s.x, s.y, s.score, s.reply_count, u.name
    from scenarios s join users u on u.id = s.author_id
    where s.post_id = ${post.id} and s.status = 'visible'
    order by s.score desc, s.id`;
  const items = rows
    .map((s) => `<li id="${s.id}" data-x="${s.x}" data-y="${s.y}"><h3>${escapeHtml(s.title)}</h3><p>${escapeHtml(s.name)} · ${s.score} · ${s.reply_count}</p>${s.html}</li>`)
    .join("");
  return `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>${escapeHtml(post.title)}</title></head><body><article><h1>${escapeHtml(post.title)}</h1>${post.html}<p>${escapeHtml(post.question)}</p></article><ol>${items}</ol></body></html>`;
}

const server = createServer((req, res) => {
  const slug = decodeURIComponent(/^\/p\/([^/?#]+)/.exec(req.url ?? "")?.[1] ?? "");
  page(slug).then(
    (html) => {
      res.writeHead(html ? 200 : 404, { "content-type": "text/html; charset=utf-8" });
      res.end(html ?? "not found");
    },
    (error: Error) => {
      res.writeHead(500);
      res.end(error.message);
    },
  );
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  console.log(JSON.stringify({ port: typeof address === "object" && address ? address.port : 0 }));
});
