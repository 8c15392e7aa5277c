import type { Database } from "@/db/client";
import { getPreviewById } from "@/db/queries/previews";
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
  const preview = previewId ? ((await getPreviewById({ db, id: previewId })) ?? null) : null;
  return formatValidationReport(
    { ...validation, status },
    { preview, previewLog: previewLogTail ?? "", baseUrl: env.MERGELINE_PUBLIC_URL },
  );
}
