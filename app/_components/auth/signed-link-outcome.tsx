import Link from "next/link";
import type { ReactNode } from "react";
import { ValidationFailed } from "@/lib/errors";

/** What a signed link's verb came to: its result, or null when the link was refused as not valid. */
export function nullWhenInvalid<T>(call: Promise<T>): Promise<T | null> {
  return call.catch((error: unknown) => {
    if (error instanceof ValidationFailed) return null;
    throw error;
  });
}

/** The page a link from an email lands on: what following it did, and one way on. */
export function SignedLinkOutcome({ title, children, href, next }: { title: string; children?: ReactNode; href: string; next: string }) {
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <h1 className="text-3xl font-bold">{title}</h1>
      {children}
      <Link href={href} className="mt-8 inline-block rounded-full border border-line px-4 py-2 text-sm font-medium hover:border-accent">
        {next}
      </Link>
    </div>
  );
}
