import type { Database } from "@/db/client";
import { getPreviewById } from "@/db/queries/previews";
import { getRunContext } from "@/db/queries/runs";
import { previewAddress, pullRequestLabel } from "@/lib/preview-proxy/preview-address";
import type { Validation } from "@/db/schema";
import { env } from "@/lib/platform/env";
import { formatValidationReport } from "@/lib/validation/format-validation-report";

/** The attempt's validation as markdown (lib/validation/format-validation-report.ts), with its preview. */
export async function validationReport({
  db,
  validation,
  status,
  previewId,
  previewLogTail,
}: {
  db: Database;
  validation: Validation;
  status: Validation["status"];
  previewId?: string;
  previewLogTail?: string;
}): Promise<string> {
  const found = previewId ? ((await getPreviewById({ db, id: previewId })) ?? null) : null;
  // Reviewers open the proxied address (pr-<n>--<project>.<domain>), not the server's loopback port.
  const context = found?.pullRequestId ? await getRunContext({ db, runId: validation.runId }) : undefined;
  const preview =
    found && context?.pullRequest
      ? { ...found, url: previewAddress(pullRequestLabel(context.pullRequest.number, context.project.name)) }
      : found;
  return formatValidationReport(
    { ...validation, status },
    { preview, previewLog: previewLogTail ?? "", baseUrl: env.MERGELINE_PUBLIC_URL },
  );
}
