import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import { getLocale, getTranslations } from "next-intl/server";
import { currentContext } from "@/lib/auth/session";
import { dirOf } from "@/lib/forum/post-view";
import { defaultLocale, localeOr } from "@/lib/i18n/locale";
import { nonceOf } from "@/lib/security/csp";
import { siteUrl } from "@/lib/site-url";
import { MemberLayerProvider, memberPendingScript } from "@/app/_components/auth/member-layer";
import { ogLocale } from "@/app/_components/meta/page-metadata";
import { SiteFooter } from "@/app/_components/ui/site-footer";
import { SiteHeader } from "@/app/_components/ui/site-header";
import { PageStrings } from "@/app/_components/ui/page-strings";
import "./globals.css";

/** Every page's defaults: absolute URLs from PUBLIC_URL, and link-preview tags a page's own title fills in. */
export async function generateMetadata(): Promise<Metadata> {
  const [t, locale] = await Promise.all([getTranslations("site"), getLocale()]);
  return {
    metadataBase: new URL(siteUrl()),
    title: { default: t("name"), template: `%s · ${t("name")}` },
    description: t("tagline"),
    icons: { icon: { url: "/favicon.svg", type: "image/svg+xml" } },
    openGraph: { type: "website", siteName: t("name"), locale: ogLocale[localeOr(locale, defaultLocale)] },
    twitter: { card: "summary" },
  };
}

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#faf7f1" },
    { media: "(prefers-color-scheme: dark)", color: "#121417" },
  ],
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const [locale, t, { actor }, requestHeaders] = await Promise.all([getLocale(), getTranslations("site"), currentContext(), headers()]);
  return (
    <html lang={locale} dir={dirOf(locale)} suppressHydrationWarning>
      <head>
        <script nonce={nonceOf(requestHeaders.get("content-security-policy"))} dangerouslySetInnerHTML={{ __html: memberPendingScript }} />
      </head>
      <body className="min-h-dvh bg-paper text-ink antialiased">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:start-4 focus:top-4 focus:z-50 focus:rounded focus:bg-card focus:px-4 focus:py-2">
          {t("skipToContent")}
        </a>
        <PageStrings>
          <MemberLayerProvider renderedForMember={actor !== null}>
            <SiteHeader />
            <main id="main" className="mx-auto max-w-5xl px-4 sm:px-6">
              {children}
            </main>
            <SiteFooter />
          </MemberLayerProvider>
        </PageStrings>
      </body>
    </html>
  );
}
