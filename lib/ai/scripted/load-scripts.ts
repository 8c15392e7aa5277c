import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { AppError } from "@/lib/platform/errors";
import itemCount from "./demo-tasks/item-count.json";
import removeItem from "./demo-tasks/remove-item.json";
import setQuantity from "./demo-tasks/set-quantity.json";
import { type Script, scriptCatalogueSchema, scriptSchema } from "./script-schema";

/** The scripts of a file: one that plays any goal, or a catalogue of one script per task. */
export type LoadedScripts = { scripts: Script[]; source: string };

const cache = new Map<string, { mtimeMs: number; loaded: LoadedScripts }>();

function parse(value: unknown, source: string): Script[] {
  const result = Array.isArray(value) ? scriptCatalogueSchema.safeParse(value) : scriptSchema.safeParse(value);
  if (!result.success) {
    throw new AppError(
      "unavailable:model",
      `The scripted model's script ${source} is invalid:\n${z.prettifyError(result.error)}`,
    );
  }
  return Array.isArray(result.data) ? result.data : [result.data];
}

// Imported rather than read from disk so they survive bundling (the server build has no lib/ folder).
const demoTasks: LoadedScripts = {
  scripts: parse([removeItem, setQuantity, itemCount], "demo-tasks"),
  source: "demo-tasks",
};

/**
 * The scripts of `file`, or the demo's tasks when none is given. Read on every model
 * creation but parsed again only when the file changed, so editing a script takes effect
 * on the next run without a restart.
 */
export function loadScripts(file?: string): LoadedScripts {
  if (!file) return demoTasks;
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
  const loaded = { scripts: parse(json, absolute), source: absolute };
  cache.set(absolute, { mtimeMs: stat.mtimeMs, loaded });
  return loaded;
}
