import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type Page } from "playwright-core";
import { expect } from "vitest";

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const hasBrowser = existsSync(chromiumPath);
export const screenshotDir = path.join(process.cwd(), "test-output", "screenshots");

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export type Viewport = "mobile" | "desktop";
const widths: Record<Viewport, number> = { mobile: 390, desktop: 1280 };

/** A fresh context as a person whose browser prefers `locale`, at a phone's or a desktop's width. */
export async function openPage(browser: Browser, locale: "ar" | "en", viewport: Viewport = "desktop"): Promise<Page> {
  const context = await browser.newContext({
    locale,
    viewport: { width: widths[viewport], height: 900 },
    extraHTTPHeaders: { "accept-language": locale },
  });
  context.setDefaultTimeout(10_000);
  return context.newPage();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

/** Fails on any serious or critical axe violation, listing them. */
export async function expectAccessible(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(bad).toEqual([]);
}
