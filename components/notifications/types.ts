import type { z } from "zod";
import type { ServerAction } from "@/components/server-action";
import type { DeliveryView } from "@/lib/notifications/delivery-view";
import type { createDestinationInput, updateDestinationInput } from "@/lib/notifications/destination-input";
import type { DestinationView } from "@/lib/notifications/destination-view";

export type { DeliveryView, DestinationView };

type Ref = { teamId: string; id: string };
export type CreateDestinationValues = z.input<typeof createDestinationInput> & { teamId: string };
export type DestinationChanges = z.input<typeof updateDestinationInput>;

/** What the notifications settings page can do, passed down from its server actions. */
export type DestinationActions = {
  createAction: ServerAction<CreateDestinationValues, { destination: DestinationView; secret: string | null }>;
  updateAction: ServerAction<Ref & { changes: DestinationChanges }, { destination: DestinationView }>;
  deleteAction: ServerAction<Ref>;
  testAction: ServerAction<Ref, { delivery: DeliveryView }>;
  rotateSecretAction: ServerAction<Ref, { secret: string }>;
  resendAction: ServerAction<Ref, { delivery: DeliveryView }>;
};

export type ProjectOption = { id: string; name: string };

export const eventLabels: Record<DestinationView["events"][number], string> = {
  "run.plan_proposed": "Plan awaiting approval",
  "run.pr_opened": "Pull request opened",
  "run.needs_human": "Run needs a person",
  "run.failed": "Run failed",
  "run.merged": "Run merged",
  "validation.failed": "Validation failed",
};
