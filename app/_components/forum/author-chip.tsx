import Link from "next/link";
import type { AuthorView } from "@/lib/forum/scenario-view";

/** A member's initial in a disc, as the header shows the signed-in member; decorative, the name follows it. */
export function Avatar({ name, className = "size-7 text-xs" }: { name: string; className?: string }) {
  return (
    <span aria-hidden="true" className={`avatar ${className}`}>
      {Array.from(name)[0]}
    </span>
  );
}

/** The author's name linking to their profile, isolated so an Arabic name sits right in English text and back. */
export function AuthorLink({ author, className = "" }: { author: Pick<AuthorView, "handle" | "name">; className?: string }) {
  return (
    <Link href={`/u/${author.handle}`} className={`author-link ${className}`}>
      <bdi>{author.name}</bdi>
    </Link>
  );
}
