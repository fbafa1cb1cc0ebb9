import { PageStrings } from "@/app/_components/ui/page-strings";

/** The strings of the profile form as well as every page's. */
export default function Layout({ children }: { children: React.ReactNode }) {
  return <PageStrings groups={["accounts"]}>{children}</PageStrings>;
}
