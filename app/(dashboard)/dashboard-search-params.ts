import { z } from "zod";
import { projectStatusFilters } from "@/db/queries/project-summaries";

// Cards per page: more than a screen holds; "Show more" adds as many again.
export const CARDS_PAGE = 24;

// The dashboard's URL state; anything malformed falls back to the default view.
const schema = z.object({
  q: z.string().max(200).catch(""),
  status: z.enum(projectStatusFilters).catch("all"),
  show: z.coerce.number().int().min(CARDS_PAGE).max(1000).catch(CARDS_PAGE),
});

export type DashboardView = z.infer<typeof schema>;

export function parseDashboardSearchParams(params: Record<string, string | string[] | undefined>): DashboardView {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  return schema.parse({
    q: first(params.q) ?? "",
    status: first(params.status) ?? "all",
    show: first(params.show) ?? CARDS_PAGE,
  });
}
