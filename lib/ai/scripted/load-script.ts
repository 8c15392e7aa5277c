import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { AppError } from "@/lib/platform/errors";
import defaultScriptJson from "./default-script.json";
import { type Script, scriptSchema } from "./script-schema";

export type LoadedScript = { script: Script; source: string };

const cache = new Map<string, { mtimeMs: number; loaded: LoadedScript }>();

function parse(value: unknown, source: string): Script {
  const result = scriptSchema.safeParse(value);
  if (!result.success) {
    throw new AppError(
      "unavailable:model",
      `The scripted model's script ${source} is invalid:\n${z.prettifyError(result.error)}`,
    );
  }
  return result.data;
}

// Imported rather than read from disk so it survives bundling (the server build has no lib/ folder).
const defaultScript: LoadedScript = {
  script: parse(defaultScriptJson, "default-script.json"),
  source: "default-script.json",
};

/**
 * The script at `file`, or the default demo script when none is given. Read on every
 * model creation but parsed again only when the file changed, so editing a script takes
 * effect on the next run without a restart.
 */
export function loadScript(file?: string): LoadedScript {
  if (!file) return defaultScript;
  const absolute = path.resolve(file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(absolute);
  } catch {
    throw new AppError(
      "unavailable:model",
      `The scripted model's script ${absolute} (MERGELINE_SCRIPTED_MODEL) does not exist`,
    );
  }
  const cached = cache.get(absolute);
  if (cached && cached.mtimeMs === stat.mtimeMs) return cached.loaded;
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(absolute, "utf8"));
  } catch (error) {
    throw new AppError(
      "unavailable:model",
      `The scripted model's script ${absolute} is not valid JSON: ${(error as Error).message}`,
    );
  }
  const loaded = { script: parse(json, absolute), source: absolute };
  cache.set(absolute, { mtimeMs: stat.mtimeMs, loaded });
  return loaded;
}
