"use client";
import { createContext } from "react";

export type PlanEditing = { editing: boolean; setEditing: (editing: boolean) => void };

/**
 * Whether the run page's plan is open for editing: Edit sits with the run's other actions
 * beside its state, the editor in the plan's card, and this is what they share.
 */
export const PlanEditingContext = createContext<PlanEditing>({ editing: false, setEditing: () => undefined });
