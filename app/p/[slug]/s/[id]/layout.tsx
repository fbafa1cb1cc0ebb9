import { PageStrings } from "@/app/_components/ui/page-strings";

/** The strings of a scenario page's debate (replies, stances, the author's editor) as well as every page's. */
export default function Layout({ children }: { children: React.ReactNode }) {
  return <PageStrings groups={["debate"]}>{children}</PageStrings>;
}
