import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, hasBrowser, launchBrowser, openPage, screenshot, screenshotDir, type Viewport } from "./support/browser";
import { startServer, type RunningServer } from "../support/server";

const slug = "russia-balance-diplomacy-escalation";

const copy = {
  ar: {
    name: "الاسم المعروض",
    email: "البريد الإلكتروني",
    password: "كلمة المرور",
    submitSignUp: "إنشاء الحساب",
    title: "العنوان",
    body: "نص السيناريو",
    preview: "معاينة",
    write: "كتابة",
    xAxis: "الانفتاح الدبلوماسي",
    yAxis: "التصعيد الجيوسياسي",
    pad: "الموقع على المحورين معًا",
    draftSaved: "حُفظت المسودة",
    draftRestored: "استُعيدت مسودتك",
    publish: "انشر السيناريو",
    titleError: "يجب أن يتراوح العنوان بين 3 أحرف و200 حرف.",
    upvote: "أؤيد",
    yourReply: "ردّك",
    challenges: "اعتراض",
    evidence: "دليل",
    postReply: "انشر الردّ",
    reply: "ردّ",
    signInToTakePart: "سجّل الدخول للمشاركة",
  },
  en: {
    name: "Display name",
    email: "Email",
    password: "Password",
    submitSignUp: "Create account",
    title: "Title",
    body: "The scenario",
    preview: "Preview",
    write: "Write",
    xAxis: "Diplomatic openness",
    yAxis: "Geopolitical escalation",
    pad: "Placement on both axes",
    draftSaved: "Draft saved",
    draftRestored: "Your draft was restored",
    publish: "Publish scenario",
    titleError: "The title must be 3 to 200 characters.",
    upvote: "Upvote",
    yourReply: "Your reply",
    challenges: "Challenges",
    evidence: "Evidence",
    postReply: "Post reply",
    reply: "Reply",
    signInToTakePart: "Sign in to take part",
  },
} as const;

type Locale = keyof typeof copy;

async function signUp(page: Page, server: RunningServer, locale: Locale, name: string, email: string) {
  const t = copy[locale];
  await page.goto(server.url + "/signup");
  await page.getByLabel(t.name, { exact: true }).fill(name);
  await page.getByLabel(t.email, { exact: true }).fill(email);
  await page.getByLabel(t.password, { exact: true }).fill("a very good password");
  await page.getByRole("button", { name: t.submitSignUp, exact: true }).click();
  await page.waitForURL("**/u/**");
}

/** The id of the reply whose published text contains `text` (not a composer that still holds it). */
async function replyIdOf(page: Page, text: string): Promise<string> {
  const body = page.locator(".reply-main > .user-text", { hasText: text }).first();
  await body.waitFor();
  return body.evaluate((element) => element.closest("article")!.id.replace(/^reply-/, ""));
}

describe.skipIf(!hasBrowser)("the debate in Chromium", () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const locale of ["ar", "en"] as const) {
    describe(`in ${locale}`, () => {
      const t = copy[locale];
      const author = { name: locale === "ar" ? "ريم الخطيب" : "Reem Khatib", email: `reem.${locale}@example.test` };
      const critic = { name: locale === "ar" ? "يوسف منصور" : "Youssef Mansour", email: `youssef.${locale}@example.test` };
      const title = `هدنة مؤقتة تمهّد لمفاوضات أوسع (${locale})`;
      const body = "تستثمر موسكو الهدنة لتحسين موقعها التفاوضي، مع **إبقاء الضغط العسكري** قائمًا على الجبهات.";
      const challenge = locale === "ar" ? "لا أرى أي مؤشر على مفاوضات جدية قبل الصيف." : "I see no sign of serious talks before the summer.";
      const answer = locale === "ar" ? "تصريحات الكرملين الأخيرة تشير إلى العكس تمامًا." : "The Kremlin's latest statements point the other way.";
      let scenarioUrl = "";
      let authorPage: Page;

      it("lets a new member propose a scenario in Arabic, with a preview, placement and a draft that survives a reload", async () => {
        authorPage = await openPage(browser, locale, "desktop");
        const page = authorPage;
        await signUp(page, server, locale, author.name, author.email);
        await page.goto(`${server.url}/p/${slug}`);

        // Publishing too short a title is refused beside the field, before any request.
        await page.getByLabel(t.title, { exact: true }).fill("هد");
        await page.getByRole("button", { name: t.publish }).click();
        await expect.poll(() => page.getByLabel(t.title, { exact: true }).getAttribute("aria-invalid")).toBe("true");
        expect(await page.getByText(t.titleError).count()).toBe(1);

        await page.getByLabel(t.title, { exact: true }).fill(title);
        await page.getByLabel(t.body, { exact: true }).fill(body);
        await page.getByRole("tab", { name: t.preview }).click();
        await expect.poll(() => page.getByRole("tabpanel").locator("strong").textContent()).toBe("إبقاء الضغط العسكري");
        await page.getByRole("tab", { name: t.write }).click();

        await page.getByRole("slider", { name: t.xAxis }).fill("70");
        await page.getByRole("slider", { name: t.yAxis }).fill("30");
        const pad = page.getByRole("slider", { name: t.pad });
        expect(await pad.getAttribute("aria-valuenow")).toBe("70");
        await pad.focus();
        for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowUp");
        await expect.poll(() => page.getByRole("slider", { name: t.yAxis }).inputValue()).toBe("35");
        // The right arrow moves the point right on screen: toward the high end in English, the low end in Arabic.
        await page.keyboard.press("ArrowRight");
        await expect.poll(() => pad.getAttribute("aria-valuenow")).toBe(locale === "ar" ? "69" : "71");
        await page.keyboard.press("ArrowLeft");
        await expect.poll(() => pad.getAttribute("aria-valuenow")).toBe("70");

        await expect.poll(() => page.getByRole("status").filter({ hasText: t.draftSaved }).count(), { timeout: 8000 }).toBe(1);
        await page.reload();
        await expect.poll(() => page.getByLabel(t.title, { exact: true }).inputValue()).toBe(title);
        expect(await page.getByLabel(t.body, { exact: true }).inputValue()).toBe(body);
        expect(await page.getByRole("slider", { name: t.xAxis }).inputValue()).toBe("70");
        expect(await page.getByRole("slider", { name: t.yAxis }).inputValue()).toBe("35");
        expect(await page.getByRole("status").filter({ hasText: t.draftRestored }).count()).toBe(1);
        await expectAccessible(page);
        await page.locator("#propose").screenshot({ path: path.join(screenshotDir, `debate-composer-${locale}-desktop.png`) });

        await page.getByRole("button", { name: t.publish }).click();
        await page.waitForURL(`**/p/${slug}/s/**`);
        scenarioUrl = page.url();
        expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(title);
        expect(await page.locator(".user-text strong").first().textContent()).toBe("إبقاء الضغط العسكري");
        expect(await page.getByRole("img", { name: new RegExp(`${t.xAxis} 70 · ${t.yAxis} 35`) }).count()).toBeGreaterThan(0);

        // The server cleared the draft with the publish: the composer is empty again.
        await page.goto(`${server.url}/p/${slug}`);
        await expect.poll(() => page.locator("#scenarios").getByRole("link", { name: title }).count()).toBe(1);
        expect(await page.getByLabel(t.title, { exact: true }).inputValue()).toBe("");
      });

      it("lets a second member vote and reply", async () => {
        const page = await openPage(browser, locale, "mobile");
        await signUp(page, server, locale, critic.name, critic.email);
        await page.goto(scenarioUrl);
        const upvote = page.getByRole("button", { name: t.upvote, exact: true });
        const score = page.locator("[data-scenario-votes] > span").first();
        expect(await upvote.getAttribute("aria-pressed")).toBe("false");
        expect(await score.textContent()).toBe("0");
        // The buttons answer at once; the reload waits for the server's answer (else it may cancel the vote).
        const voted = page.waitForResponse((response) => response.url().endsWith("/vote") && response.request().method() === "PUT");
        await upvote.click();
        await expect.poll(() => upvote.getAttribute("aria-pressed")).toBe("true");
        await expect.poll(() => score.textContent()).toBe("1");
        expect((await voted).status()).toBe(200);
        // The vote is the server's, not only the button's.
        await page.reload();
        await expect.poll(() => page.getByRole("button", { name: t.upvote, exact: true }).getAttribute("aria-pressed")).toBe("true");

        await page.getByLabel(t.yourReply, { exact: true }).fill(challenge);
        await page.getByText(t.challenges, { exact: true }).click();
        await page.getByRole("button", { name: t.postReply }).click();
        const id = await replyIdOf(page, challenge);
        const reply = page.locator(`#reply-${id}`);
        expect(await reply.locator(".reply-head").textContent()).toContain(t.challenges);
        expect(await reply.locator(".reply-head").textContent()).toContain(critic.name);
        // The composer emptied itself and the page moved focus to the new reply.
        expect(await page.getByLabel(t.yourReply, { exact: true }).inputValue()).toBe("");
        await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(`reply-${id}`);
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
        await screenshot(page, `debate-scenario-${locale}-mobile`);
        await page.context().close();
      });

      it("lets the author answer the reply in its thread, and a permalink highlights it", async () => {
        const page = authorPage;
        await page.goto(scenarioUrl);
        const parentId = await replyIdOf(page, challenge);
        const replyButton = page.locator(`#reply-${parentId} > details > .reply-main button[aria-expanded]`);
        expect(await replyButton.textContent()).toContain(t.reply);
        await replyButton.click();
        const inline = page.locator(`#reply-${parentId} form`);
        await inline.getByRole("textbox").fill(answer);
        await inline.getByText(t.evidence, { exact: true }).click();
        await inline.getByRole("button", { name: t.postReply }).click();

        // The answer is nested inside the reply it answers.
        const childId = await replyIdOf(page, answer);
        expect(await page.locator(`#reply-${parentId} #reply-${childId}`).count()).toBe(1);
        expect(await page.locator(`#reply-${childId} .reply-head`).textContent()).toContain(t.evidence);

        await page.goto(`${scenarioUrl}#reply-${childId}`);
        await expect.poll(() => page.evaluate(() => document.querySelector(":target")?.id)).toBe(`reply-${childId}`);
        const highlighted = await page.locator(`#reply-${childId} > .reply-head`).evaluate((el) => getComputedStyle(el).backgroundColor);
        const plain = await page.locator(`#reply-${parentId} > .reply-head`).evaluate((el) => getComputedStyle(el).backgroundColor);
        expect(highlighted).not.toBe(plain);
        expect(await page.locator(`#reply-${childId}`).isVisible()).toBe(true);
        await page.waitForTimeout(2600); // let the arrival glow settle before photographing
        await expectAccessible(page);
        await screenshot(page, `debate-scenario-${locale}-desktop`);

        // Collapsing a branch needs no script: the native <details> closes and hides the answer.
        await page.locator(`#reply-${parentId} > details > summary`).click();
        expect(await page.locator(`#reply-${childId}`).isVisible()).toBe(false);
        await page.context().close();
      });

      for (const viewport of ["mobile", "desktop"] as Viewport[]) {
        it(`shows the post's scenarios to an anonymous reader, accessibly, at ${viewport} width`, async () => {
          const page = await openPage(browser, locale, viewport);
          await page.goto(`${server.url}/p/${slug}?sort=new`);
          expect(await page.locator('nav a[aria-current="page"]').textContent()).toBe(locale === "ar" ? "الأحدث" : "New");
          const card = page.locator("article", { has: page.getByRole("link", { name: title }) });
          expect(await card.locator("[data-scenario-votes] > span").textContent()).toBe("1");
          expect(await page.getByRole("link", { name: t.signInToTakePart }).count()).toBe(1);
          await expectAccessible(page);
          expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
          await page.locator("#scenarios").screenshot({ path: path.join(screenshotDir, `debate-scenarios-${locale}-${viewport}.png`) });
          await page.goto(scenarioUrl);
          await expectAccessible(page);
          await page.context().close();
        });
      }
    });
  }

  it("answers 404 for a scenario under another post's slug, or an unknown one", async () => {
    const page = await openPage(browser, "en");
    expect((await page.goto(`${server.url}/p/nothing-here/s/abc`))?.status()).toBe(404);
    expect((await page.goto(`${server.url}/p/${slug}/s/no-such-scenario`))?.status()).toBe(404);
    await page.context().close();
  });
});
