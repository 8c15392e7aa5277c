import { z } from "zod";
import { type RunEvent, runStates } from "@/db/schema";
import { iso, isoDate } from "./common";

export const apiRunEventSchema = z.object({
  seq: z.number().int().describe("Per-run sequence number, gap-free"),
  type: z.string().describe('"state.changed", "plan.approved", "merge.requested"...'),
  fromState: z.enum(runStates).nullable(),
  toState: z.enum(runStates).nullable(),
  data: z.record(z.string(), z.unknown()),
  createdAt: isoDate,
});

export type ApiRunEvent = z.input<typeof apiRunEventSchema>;

export function toApiRunEvent(event: RunEvent): ApiRunEvent {
  const { seq, type, fromState, toState, data, createdAt } = event;
  return { seq, type, fromState, toState, data, createdAt: iso(createdAt) };
}
