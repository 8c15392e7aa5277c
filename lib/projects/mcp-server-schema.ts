import { z } from "zod";
import type { McpServerSetting } from "@/db/schema";

const headerValue = z.string().max(4000);

/** One MCP server of a project's settings: a Streamable HTTP URL, or a stdio command (CLI agents only). */
export const mcpServerSchema = z
  .object({
    name: z
      .string()
      .regex(/^[a-z][a-z0-9_-]{0,39}$/, "a short name: lowercase letters, digits, - and _, starting with a letter"),
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .nullish(),
    headers: z
      .record(z.string().regex(/^[A-Za-z0-9-]{1,100}$/, "a header name"), headerValue)
      .refine((headers) => Object.keys(headers).length <= 20, "at most 20 headers")
      .optional(),
    command: z.string().trim().min(1).max(500).nullish(),
    args: z.array(z.string().max(500)).max(30).optional(),
  })
  .strict()
  .refine((server) => Boolean(server.url) !== Boolean(server.command), {
    message: "give either url (Streamable HTTP) or command (stdio), not both",
  }) satisfies z.ZodType<McpServerSetting>;

export const mcpServersSchema = z
  .array(mcpServerSchema)
  .max(10)
  .refine((servers) => new Set(servers.map((server) => server.name)).size === servers.length, "names must differ");
