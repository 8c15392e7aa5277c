import { NotFoundNotice } from "@/components/shared/not-found-notice";

// A page of the signed-in app whose project or run does not exist (or is another team's), inside the app's frame.
export default function DashboardNotFound() {
  return <NotFoundNotice />;
}
