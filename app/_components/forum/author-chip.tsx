import Link from "next/link";
import type { AuthorView } from "@/lib/forum/scenario-view";

/** A member's initial in a disc, as the header shows the signed-in member; decorative, the name follows it. */
export function Avatar({ name, className = "size-7 text-xs" }: { name: string; className?: string }) {
  return (
    <span aria-hidden="true" className={`flex shrink-0 items-center justify-center rounded-full bg-accent-soft font-bold text-accent ${className}`}>
      {Array.from(name)[0]}
    </span>
  );
}

/** The author's name linking to their profile, isolated so an Arabic name sits right in English text and back. */
export function AuthorLink({ author, className = "" }: { author: AuthorView; className?: string }) {
  return (
    <Link href={`/u/${author.handle}`} className={`font-semibold text-ink hover:text-accent hover:underline ${className}`}>
      <bdi>{author.name}</bdi>
    </Link>
  );
}
