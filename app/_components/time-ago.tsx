import { getFormatter, getNow } from "next-intl/server";

const week = 7 * 24 * 60 * 60 * 1000;

/** "3 hours ago" for the past week, a date after that; the exact moment is in the tooltip and dateTime. */
export async function TimeAgo({ iso, className }: { iso: string; className?: string }) {
  const [format, now] = await Promise.all([getFormatter(), getNow()]);
  const date = new Date(iso);
  const recent = Math.abs(now.getTime() - date.getTime()) < week;
  return (
    <time dateTime={iso} title={format.dateTime(date, { dateStyle: "long", timeStyle: "short" })} className={className}>
      {recent ? format.relativeTime(date, now) : format.dateTime(date, { dateStyle: "medium" })}
    </time>
  );
}
