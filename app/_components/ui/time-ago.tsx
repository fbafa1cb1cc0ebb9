import { useFormatter, useNow } from "next-intl";

const week = 7 * 24 * 60 * 60 * 1000;

/**
 * "3 hours ago" for the past week, a date after that; the exact moment is in the tooltip and dateTime. A shared
 * component (no directive, hooks only): pages render it on the server, and the member's layer on the client.
 */
export function TimeAgo({ iso, className }: { iso: string; className?: string }) {
  const format = useFormatter();
  const now = useNow();
  const date = new Date(iso);
  const recent = Math.abs(now.getTime() - date.getTime()) < week;
  return (
    <time dateTime={iso} title={format.dateTime(date, { dateStyle: "long", timeStyle: "short" })} className={className}>
      {recent ? format.relativeTime(date, now) : format.dateTime(date, { dateStyle: "medium" })}
    </time>
  );
}
