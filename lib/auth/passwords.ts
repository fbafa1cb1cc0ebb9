import { hash, verify } from "@node-rs/argon2";

// argon2id (the library's default algorithm) with OWASP's minimum memory cost.
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

// A hash of nothing in particular, verified when the email is unknown so both failures take as long.
let dummyHash: Promise<string> | undefined;

/** Checks a password against a stored hash, or against a dummy one when there is none. */
export async function verifyPassword(storedHash: string | null | undefined, password: string): Promise<boolean> {
  dummyHash ??= hashPassword("mizan-dummy-password-for-timing");
  const target = storedHash ?? (await dummyHash);
  const matches = await verify(target, password).catch(() => false);
  return matches && !!storedHash;
}
