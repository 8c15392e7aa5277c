"use client";
import { type ReactNode, useMemo, useState } from "react";
import { PlanEditingContext } from "./plan-editing-context";

/** Holds whether the plan is being edited, for the run page's actions and its plan card. */
export function PlanEditingProvider({ children }: { children: ReactNode }) {
  const [editing, setEditing] = useState(false);
  const value = useMemo(() => ({ editing, setEditing }), [editing]);
  return <PlanEditingContext value={value}>{children}</PlanEditingContext>;
}
