import type { NotificationDestination } from "@/db/schema";

/** A destination as people and responses see it: never its secret. */
export type DestinationView = {
  id: string;
  teamId: string;
  name: string;
  kind: NotificationDestination["kind"];
  /** The webhook's URL; for Slack only a hint of it. */
  url: string | null;
  to: string[];
  events: NotificationDestination["events"];
  projectIds: string[] | null;
  enabled: boolean;
  disabledAt: string | null;
  disabledReason: string | null;
  failingSince: string | null;
  lastSuccessAt: string | null;
  createdAt: string;
  updatedAt: string;
};

const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);

export function toDestinationView(row: NotificationDestination): DestinationView {
  return {
    id: row.id,
    teamId: row.teamId,
    name: row.name,
    kind: row.kind,
    url: row.url,
    to: row.emailTo,
    events: row.events,
    projectIds: row.projectIds,
    enabled: row.enabled,
    disabledAt: isoOrNull(row.disabledAt),
    disabledReason: row.disabledReason,
    failingSince: isoOrNull(row.failingSince),
    lastSuccessAt: isoOrNull(row.lastSuccessAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
