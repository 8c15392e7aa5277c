import { NotFoundNotice } from "@/components/shared/not-found-notice";

export default function ProjectNotFound() {
  return (
    <NotFoundNotice
      title="Project not found"
      body="No project has this address, or it belongs to a team you are not in. Your team's projects are on the dashboard."
    />
  );
}
