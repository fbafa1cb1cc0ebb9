import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { configuredProviders } from "@/lib/auth/next-auth";
import { signInWithProvider } from "@/app/signin/actions";
import { BalanceMark } from "@/app/_components/ui/balance-mark";

const providerNames = { github: "GitHub", google: "Google" } as const;

/** The frame around the sign-in and sign-up forms, with provider buttons when any are configured. */
export async function AuthCard({
  mode,
  next,
  children,
}: {
  mode: "signIn" | "signUp";
  next?: string;
  children: React.ReactNode;
}) {
  const t = await getTranslations("auth");
  const providers = configuredProviders();
  return (
    <div className="mx-auto max-w-md py-12 sm:py-16">
      <div className="rounded-3xl border border-line bg-card p-6 shadow-sm sm:p-8">
        <BalanceMark className="size-10 text-accent" />
        <h1 className="mt-4 text-2xl font-bold">{t(mode === "signIn" ? "signInTitle" : "signUpTitle")}</h1>
        <p className="mt-1 text-muted">{t(mode === "signIn" ? "signInLead" : "signUpLead")}</p>
        <div className="mt-6">{children}</div>
        {providers.length > 0 && (
          <div className="mt-6 border-t border-line pt-6">
            <p className="text-center text-sm text-muted">{t("orWith")}</p>
            <div className="mt-3 grid gap-2">
              {providers.map((provider) => (
                <form key={provider} action={signInWithProvider}>
                  <input type="hidden" name="provider" value={provider} />
                  {next && <input type="hidden" name="next" value={next} />}
                  <button type="submit" className="w-full cursor-pointer rounded-full border border-line px-6 py-2.5 font-medium hover:border-accent">
                    {t("withProvider", { provider: providerNames[provider] })}
                  </button>
                </form>
              ))}
            </div>
          </div>
        )}
      </div>
      <p className="mt-6 text-center text-sm text-muted">
        {t(mode === "signIn" ? "noAccount" : "haveAccount")}{" "}
        <Link href={mode === "signIn" ? "/signup" : "/signin"} className="font-medium text-accent underline-offset-4 hover:underline">
          {t(mode === "signIn" ? "submitSignUp" : "submitSignIn")}
        </Link>
      </p>
    </div>
  );
}
