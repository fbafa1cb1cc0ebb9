import { getFormatter, getTranslations } from "next-intl/server";
import type { LogEntryView } from "@/lib/moderation/log-entries";

/** Moderation-log rows as a table (the /mod/log page, a member's history on their profile); scrolls sideways on a phone. */
export async function ModerationLogTable({ entries, label }: { entries: LogEntryView[]; label: string }) {
  const [t, format] = await Promise.all([getTranslations("moderation.log"), getFormatter()]);
  return (
    // Wider than a phone: the table scrolls sideways, and a keyboard can reach it to do so.
    <div role="region" aria-label={label} tabIndex={0} className="overflow-x-auto">
      <table className="w-full min-w-[44rem] border-collapse text-start text-sm">
        <thead>
          <tr className="border-b border-line text-muted">
            {(["at", "actor", "action", "target", "reason", "change"] as const).map((column) => (
              <th key={column} scope="col" className="px-2 py-2 text-start font-medium">
                {t(`columns.${column}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id} className="border-b border-line align-top">
              <td className="px-2 py-2 whitespace-nowrap">
                <time dateTime={entry.at}>{format.dateTime(new Date(entry.at), { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })}</time>
              </td>
              <td className="px-2 py-2">{entry.actor ? <bdi>@{entry.actor.handle}</bdi> : <span className="text-muted">{t("forum")}</span>}</td>
              <td className="px-2 py-2 font-mono text-xs" dir="ltr">
                {entry.action}
              </td>
              <td className="px-2 py-2 font-mono text-xs" dir="ltr">
                {entry.targetType}:{entry.targetId}
              </td>
              <td className="px-2 py-2" dir="auto">
                {entry.reason}
              </td>
              <td className="max-w-64 px-2 py-2 font-mono text-xs break-all text-muted" dir="ltr">
                {entry.change ? JSON.stringify(entry.change) : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
