const idLike = /^(\d+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{16,}|[A-Za-z0-9_-]{21,})$/i;

// A bounded label for metrics: ids become ":id", assets collapse, depth is capped, so a
// crawler or a busy dashboard cannot create unbounded time series.
export function routeLabel(url: string | undefined): string {
  const pathname = (url ?? "/").split("?")[0] || "/";
  if (pathname.startsWith("/_next/")) return "/_next/*";
  const segments = pathname.split("/").filter(Boolean).slice(0, 5);
  const shown = segments.map((segment) => (idLike.test(segment) ? ":id" : segment.slice(0, 40)));
  return `/${shown.join("/")}`;
}
