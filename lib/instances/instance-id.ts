import os from "node:os";
import { env } from "@/lib/platform/env";

/**
 * This app instance's name among those sharing a database: MERGELINE_INSTANCE_ID, else
 * host name and port (a pod's name in Kubernetes, a container's id in Compose). Previews
 * record it, /api/health shows it, and the command channel says who sent a command.
 */
export const instanceId = (): string => env.MERGELINE_INSTANCE_ID ?? `${os.hostname()}:${env.PORT}`;
