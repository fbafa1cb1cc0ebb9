/** What a sign-in or sign-up action answers when it does not redirect: an error code and what to refill. */
export type AuthFormState = { error?: string; fields?: string[]; email?: string; name?: string };
