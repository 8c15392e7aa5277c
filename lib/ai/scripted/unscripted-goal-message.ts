import type { ScriptTask } from "./script-schema";

/** What a person is told when the scripted model has no script for their goal: what it can do, and how to get a real model. */
export function unscriptedGoalMessage(tasks: ScriptTask[]): string {
  const list = tasks.map((task) => `"${task.title}"`).join(", ");
  return (
    `The scripted model only plays the tasks it has scripts for (${list}) and cannot work on another goal. ` +
    "Pick one of those tasks, or use a real model: start Mergeline with OPENAI_API_KEY set (or OPENAI_BASE_URL for " +
    "a local OpenAI-compatible server such as Ollama), then set the model in this project's settings " +
    "(e.g. openai:gpt-5.1 or openai-compatible:qwen2.5-coder)."
  );
}
