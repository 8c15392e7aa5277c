import type { Project } from "@/db/schema";
import { type ModelConfig, modelConfigFromEnv, parseModelId } from "@/lib/ai/models";
import { loadScripts } from "@/lib/ai/scripted/load-scripts";
import type { ScriptTask } from "@/lib/ai/scripted/script-schema";

/**
 * The tasks the project's model can play: the scripted model's tasks when the project uses
 * it (the demo's catalogue, or MERGELINE_SCRIPTED_MODEL's), null for a real model or a
 * script that plays any goal. The start-run dialog lists them; new runs are held to them.
 */
export function listScriptedTasks(
  project: Pick<Project, "settings">,
  config: ModelConfig = modelConfigFromEnv(),
): ScriptTask[] | null {
  const id = project.settings.model ?? config.defaultModel;
  if (parseModelId(id).provider !== "scripted") return null;
  const { scripts } = loadScripts(config.scriptedModelPath);
  if (scripts.length === 1 && !scripts[0]?.task) return null;
  return scripts.flatMap((script) => (script.task ? [script.task] : []));
}
