"use client";
import { RouteError } from "@/components/shared/route-error";

export default function RunError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <RouteError what="The run" error={error} reset={reset} backToProjects />;
}
