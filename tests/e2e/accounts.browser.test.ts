import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, hasBrowser, launchBrowser, openPage, screenshot } from "./support/browser";
import { startServer, type RunningServer } from "../support/server";

const copy = {
  ar: { signUp: "إنشاء حساب", submitSignUp: "إنشاء الحساب", signIn: "تسجيل الدخول", submitSignIn: "دخول", signOut: "تسجيل الخروج", name: "الاسم المعروض", email: "البريد الإلكتروني", password: "كلمة المرور", wrong: "البريد الإلكتروني أو كلمة المرور غير صحيحة.", member: "عضو", settings: "الإعدادات" },
  en: { signUp: "Create account", submitSignUp: "Create account", signIn: "Sign in", submitSignIn: "Sign in", signOut: "Sign out", name: "Display name", email: "Email", password: "Password", wrong: "Wrong email or password.", member: "Member", settings: "Settings" },
} as const;

describe.skipIf(!hasBrowser)("accounts in Chromium", () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function fillAndSubmit(page: Page, locale: "ar" | "en", fields: Partial<Record<"name" | "email" | "password", string>>, submit: string) {
    const t = copy[locale];
    for (const [field, value] of Object.entries(fields)) await page.getByLabel(t[field as "name"], { exact: true }).fill(value);
    await page.getByRole("button", { name: submit, exact: true }).click();
  }

  for (const locale of ["ar", "en"] as const) {
    it(`signs up, signs out, signs in and sees the profile in ${locale}`, async () => {
      const t = copy[locale];
      const page = await openPage(browser, locale);
      const name = locale === "ar" ? "سلمى الراشد" : "Salma Rashed";
      const email = `salma.${locale}@example.test`;
      const password = "a very good password";

      await page.goto(server.url + "/");
      await page.getByRole("link", { name: t.signUp, exact: true }).click();
      await page.waitForURL("**/signup");
      await expectAccessible(page);
      await screenshot(page, `signup-${locale}-desktop`);
      await fillAndSubmit(page, locale, { name, email, password: "short" }, t.submitSignUp);
      await expect.poll(() => page.getByLabel(t.password, { exact: true }).getAttribute("aria-invalid")).toBe("true");
      await fillAndSubmit(page, locale, { password }, t.submitSignUp);

      await page.waitForURL(`**/u/salma_${locale}`);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(name);
      expect(await page.getByText(t.member, { exact: true }).count()).toBe(1);
      await expectAccessible(page);
      await screenshot(page, `profile-${locale}-desktop`);

      await page.getByRole("button", { name: t.signOut }).click();
      await expect.poll(() => page.getByRole("link", { name: t.signIn, exact: true }).count()).toBe(1);

      await page.getByRole("link", { name: t.signIn, exact: true }).click();
      await page.waitForURL("**/signin**");
      await fillAndSubmit(page, locale, { email, password: "not my password" }, t.submitSignIn);
      await expect.poll(() => page.locator("form [role=alert]").textContent()).toBe(t.wrong);
      await expectAccessible(page);
      await screenshot(page, `signin-error-${locale}-desktop`);
      await fillAndSubmit(page, locale, { password }, t.submitSignIn);
      await expect.poll(() => page.getByRole("link", { name: t.settings }).count()).toBe(1);

      await page.getByRole("link", { name }).click();
      await page.waitForURL(`**/u/salma_${locale}`);
      await page.goto(server.url + "/settings");
      await expectAccessible(page);
      await screenshot(page, `settings-${locale}-desktop`);
      await page.context().close();
    });
  }

  it("keeps the header usable on a phone when signed in", async () => {
    const page = await openPage(browser, "ar", "mobile");
    await page.goto(server.url + "/signin");
    await fillAndSubmit(page, "ar", { email: "salma.ar@example.test", password: "a very good password" }, copy.ar.submitSignIn);
    await expect.poll(() => page.getByRole("link", { name: copy.ar.settings }).count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await screenshot(page, "home-signed-in-ar-mobile");
    await page.context().close();
  });
});
