import type { Script } from "./script-schema";

/**
 * The script that answers "Chat with a project": a chat is about the code, not one of the
 * catalogue's tasks, so no goal picks it. The only script of a file that names no task, else
 * the first script with chat turns, else the first script (whose chat then says it has no turns).
 */
export function scriptForChat(scripts: Script[]): Script {
  const [first] = scripts;
  if (!first) throw new Error("a script file has at least one script");
  return scripts.find((script) => script.chat) ?? first;
}
