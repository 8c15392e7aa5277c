import type { z } from "zod";
import type { ApiCall } from "@/lib/api/create-api-dispatcher";

/**
 * One MCP tool: its input, the REST call it makes (tools delegate to the API, so scopes,
 * validation, rate limits and audit are the API's), and how its answer reads to a model.
 */
export type McpTool<Shape extends z.ZodRawShape = z.ZodRawShape> = {
  name: string;
  title: string;
  description: string;
  /** Changes something: needs a key with runs:write or admin. */
  write: boolean;
  input: Shape;
  call: (args: z.infer<z.ZodObject<Shape>>) => ApiCall;
  /** The text the model reads; JSON by default. */
  present?: (json: unknown) => string;
};

/** Keeps each tool's argument type tied to its own schema inside a list of tools. */
export const mcpTool = <Shape extends z.ZodRawShape>(tool: McpTool<Shape>): McpTool => tool as unknown as McpTool;
