import { NotFoundNotice } from "@/components/shared/not-found-notice";

export default function RunNotFound() {
  return (
    <NotFoundNotice
      title="Run not found"
      body="No run has this address, or it belongs to a team you are not in. The runs of your projects are on their project pages."
    />
  );
}
