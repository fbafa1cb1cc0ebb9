import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import type { Adapter, AdapterUser } from "next-auth/adapters";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import { getDb } from "@/db/client";
import { authAccounts, authSessions, users, verificationTokens } from "@/db/schema";
import { env } from "@/lib/env";
import { RateLimited, Unauthenticated } from "@/lib/errors";
import { createProviderUser, verifyCredentials } from "./accounts";
import { clientIp } from "./client-ip";
import { endMemberSession, sessionLifetimeSeconds, startMemberSession } from "./member-sessions";

class TooManyAttempts extends CredentialsSignin {
  code = "rate_limited";
}

/** GitHub and Google appear only when their client id and secret are configured. */
export function configuredProviders(): ("github" | "google")[] {
  const config = env();
  return [
    ...(config.AUTH_GITHUB_ID && config.AUTH_GITHUB_SECRET ? (["github"] as const) : []),
    ...(config.AUTH_GOOGLE_ID && config.AUTH_GOOGLE_SECRET ? (["google"] as const) : []),
  ];
}

async function oauthAdapter(): Promise<Adapter> {
  const base = DrizzleAdapter(await getDb(), {
    usersTable: users,
    accountsTable: authAccounts,
    sessionsTable: authSessions,
    verificationTokensTable: verificationTokens,
    // Our users table has more required columns than the adapter's generic type allows; createUser covers them.
  } as never);
  // Our users need a handle; the adapter's generic insert does not know that.
  return { ...base, createUser: async (data) => (await createProviderUser(data)) as unknown as AdapterUser };
}

/**
 * Sessions are JWTs carrying the user id and the id of a server-side session row (lib/auth/member-sessions.ts);
 * every request checks the row and loads the user afresh (lib/auth/session-cookie.ts), so signing out, "sign out
 * everywhere", a role change or a suspension applies on the member's next request.
 */
export const { handlers, signIn, signOut } = NextAuth(async (): Promise<NextAuthConfig> => {
  const oauth = configuredProviders();
  return {
    adapter: oauth.length > 0 ? await oauthAdapter() : undefined,
    session: { strategy: "jwt", maxAge: sessionLifetimeSeconds },
    trustHost: true,
    secret: process.env.AUTH_SECRET,
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      Credentials({
        credentials: { email: {}, password: {} },
        async authorize(credentials, request) {
          try {
            const user = await verifyCredentials({ actor: null, ip: clientIp(request.headers) }, credentials);
            return { id: user.id, email: user.email, name: user.name };
          } catch (error) {
            if (error instanceof RateLimited) throw new TooManyAttempts();
            if (error instanceof Unauthenticated) return null;
            throw error;
          }
        },
      }),
      ...(oauth.includes("github") ? [GitHub] : []),
      ...(oauth.includes("google") ? [Google] : []),
    ],
    events: {
      async signOut(message) {
        if ("token" in message && typeof message.token?.sid === "string") await endMemberSession(message.token.sid);
      },
    },
    callbacks: {
      async jwt({ token, user }) {
        // `user` is present only at sign-in: that is when the server-side session begins.
        if (user?.id) {
          token.sub = user.id;
          token.sid = await startMemberSession(user.id);
        }
        return token;
      },
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        return session;
      },
    },
  };
});
