import { instanceCommands } from "@/lib/instances/instance-commands";
import { instanceId } from "@/lib/instances/instance-id";
import { env } from "@/lib/platform/env";

export type InstanceInfo = {
  /** MERGELINE_INSTANCE_ID, or host name and port. */
  id: string;
  /** "postgres" (DATABASE_URL: several instances may share it) or "embedded" (PGlite, one process). */
  database: "postgres" | "embedded";
  /** The Inngest this instance sends events to. */
  inngest: "embedded" | "self-hosted" | "cloud" | "dev";
  /** How run events reach the realtime sidecars: through Postgres, or an HTTP post to one sidecar. */
  realtime: "postgres" | "http";
  /** How cancels and stops reach the processes of other instances; whether this one listens. */
  commandChannel: { kind: "postgres" | "in-process"; listening: boolean };
  /**
   * How GitHub deliveries reach Inngest: "outbox" (journaled, sent behind the answer: a
   * long-lived process), "direct" (sent before the answer: serverless), "off" (no secret).
   */
  webhookDelivery: "outbox" | "direct" | "off";
};

const isDev = (value: string | undefined) => value !== undefined && !["0", "false"].includes(value.toLowerCase());

/** How this instance is set up, as /api/health reports it (what the deployment guide checks). */
export function instanceInfo(): InstanceInfo {
  const inngest =
    env.MERGELINE_EMBEDDED_INNGEST === "1"
      ? "embedded"
      : isDev(env.INNGEST_DEV)
        ? "dev"
        : env.INNGEST_BASE_URL
          ? "self-hosted"
          : "cloud";
  const channel = instanceCommands.status();
  return {
    id: instanceId(),
    database: env.DATABASE_URL ? "postgres" : "embedded",
    inngest,
    realtime: env.DATABASE_URL ? "postgres" : "http",
    commandChannel: {
      kind: channel?.kind ?? (env.DATABASE_URL ? "postgres" : "in-process"),
      listening: channel?.listening ?? false,
    },
    webhookDelivery: env.GITHUB_WEBHOOK_SECRET ? env.MERGELINE_WEBHOOK_DELIVERY : "off",
  };
}
