"use client";
import { RouteError } from "@/components/shared/route-error";

export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <RouteError what="The dashboard" error={error} reset={reset} />;
}
