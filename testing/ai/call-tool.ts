import type { Tool } from "ai";

/** Calls an agent tool's execute the way the tool loop does, for tests. */
export async function callTool<INPUT, OUTPUT>(
  tool: Tool<INPUT, OUTPUT>,
  input: INPUT,
  abortSignal?: AbortSignal,
): Promise<OUTPUT> {
  if (!tool.execute) throw new Error("tool has no execute");
  return (await tool.execute(input, { toolCallId: "test-call", messages: [], abortSignal, context: {} })) as OUTPUT;
}
