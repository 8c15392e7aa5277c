import path from "node:path";
import { env } from "@/lib/platform/env";
import { SetupCache } from "@/lib/validation/setup-cache/setup-cache";

let cache: SetupCache | null | undefined;

/** The setup cache in the data dir, bounded by MERGELINE_SETUP_CACHE_MAX_MB; null when that is 0. */
export function getSetupCache(): SetupCache | null {
  if (cache === undefined) {
    cache =
      env.MERGELINE_SETUP_CACHE_MAX_MB === 0
        ? null
        : new SetupCache({
            dir: path.join(env.dataDir, "setup-cache"),
            maxBytes: env.MERGELINE_SETUP_CACHE_MAX_MB * 1024 * 1024,
          });
  }
  return cache;
}
