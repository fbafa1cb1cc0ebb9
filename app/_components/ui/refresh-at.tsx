"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Renders the page again once `iso` has passed (a state that ends by itself, such as contest mode); nothing shown. */
export function RefreshAt({ iso }: { iso: string }) {
  const router = useRouter();
  useEffect(() => {
    // setTimeout holds at most about 24.8 days; contest mode lasts a week at most.
    const wait = Math.min(new Date(iso).getTime() - Date.now() + 1000, 2 ** 31 - 1);
    const timer = setTimeout(() => router.refresh(), Math.max(wait, 0));
    return () => clearTimeout(timer);
  }, [iso, router]);
  return null;
}
