import { z } from "zod";
import { codeSearchKinds } from "@/lib/code-index/search-code";
import { mcpTool } from "./mcp-tool";
import { presentSearch } from "./present-search";

const id = (what: string) => z.uuid().describe(`The ${what}'s id`);
const page = {
  limit: z.number().int().min(1).max(100).optional().describe("Default 25"),
  cursor: z.string().max(500).optional().describe("nextCursor of the previous page"),
};

/** The MCP tools that only read (a key with the read scope may call them). */
export const readTools = [
  mcpTool({
    name: "list_projects",
    title: "List projects",
    description: "The pinned projects (repositories) this API key's team can see, with run figures.",
    write: false,
    input: page,
    call: (args) => ({ method: "GET", path: "/projects", query: args }),
  }),
  mcpTool({
    name: "get_project",
    title: "Get a project",
    description: "A project: repository, default branch, settings and figures.",
    write: false,
    input: { projectId: id("project") },
    call: ({ projectId }) => ({ method: "GET", path: `/projects/${projectId}` }),
  }),
  mcpTool({
    name: "search_code",
    title: "Search a project's code",
    description:
      "Ranked search over a project's code index: functions, classes, methods and types by name or by the words in " +
      "them (identifiers are split), code chunks, and file paths; each result with path:line. `ref` is a branch " +
      "(default: the project's default branch).",
    write: false,
    input: {
      projectId: id("project"),
      query: z.string().min(1).max(500),
      kind: z.enum(codeSearchKinds).optional().describe("symbol, chunk (code outside symbols) or file; default all"),
      ref: z.string().max(200).optional(),
      limit: z.number().int().min(1).max(50).optional().describe("Default 20"),
    },
    call: ({ projectId, query, ...rest }) => ({
      method: "GET",
      path: `/projects/${projectId}/search`,
      query: { q: query, ...rest },
    }),
    present: presentSearch,
  }),
  mcpTool({
    name: "read_file",
    title: "Read a file",
    description:
      "A file of a project's repository at a ref: a branch (its head now) or a full commit sha (such as the commit a " +
      "search result comes from). Default: the project's default branch.",
    write: false,
    input: { projectId: id("project"), path: z.string().min(1).max(1000), ref: z.string().max(200).optional() },
    call: ({ projectId, ...query }) => ({ method: "GET", path: `/projects/${projectId}/file`, query }),
    present: (json) => {
      const file = json as {
        path: string;
        commit: string;
        binary: boolean;
        truncated: boolean;
        content: string | null;
      };
      if (file.binary) return `${file.path} at ${file.commit} is a binary file.`;
      return `${file.path} at ${file.commit}${file.truncated ? " (first 1 MiB)" : ""}:\n${file.content ?? ""}`;
    },
  }),
  mcpTool({
    name: "get_run",
    title: "Get a run",
    description: "A run: state, plan, pull request, validations per attempt and budget used.",
    write: false,
    input: { runId: id("run") },
    call: ({ runId }) => ({ method: "GET", path: `/runs/${runId}` }),
  }),
  mcpTool({
    name: "list_runs",
    title: "List a project's runs",
    description: "A project's runs, newest first.",
    write: false,
    input: { projectId: id("project"), ...page },
    call: ({ projectId, ...query }) => ({ method: "GET", path: `/projects/${projectId}/runs`, query }),
  }),
];
