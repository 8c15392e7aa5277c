import type { ProjectSettings } from "@/db/schema";

// The settings form edits text: lists are one item per line, optional values may be empty.

const lines = (text: string) =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);

/** A JSON list as typed; text that is not JSON is sent as it is, for the server to refuse on its field. */
function jsonList(text: string): unknown {
  if (!text.trim()) return [];
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Form fields (by settings path) from a settings document. */
export function toFormValues(settings: ProjectSettings): Record<string, string> {
  return {
    repositoryRules: settings.repositoryRules,
    planningStatement: settings.planningStatement,
    setupCommands: settings.setupCommands.join("\n"),
    testCommands: settings.testCommands.join("\n"),
    previewCommand: settings.previewCommand ?? "",
    previewPages: settings.previewPages.join("\n"),
    devCommand: settings.devCommand ?? "",
    autoMerge: settings.autoMerge,
    mergeMethod: settings.mergeMethod,
    "budget.maxAttempts": String(settings.budget.maxAttempts),
    "budget.maxDollars": String(settings.budget.maxDollars),
    "budget.maxMinutes": String(settings.budget.maxMinutes),
    model: settings.model ?? "",
    "agent.backend": settings.agent?.backend ?? "built-in",
    "agent.model": settings.agent?.model ?? "",
    "agent.baseUrl": settings.agent?.baseUrl ?? "",
    "agent.apiKeySecret": settings.agent?.apiKeySecret ?? "",
    triggerLabel: settings.triggerLabel,
    mcpServers: settings.mcpServers?.length ? JSON.stringify(settings.mcpServers, null, 2) : "",
  };
}

/** The settings the form's text stands for; the server validates it (a bad number stays NaN and is refused). */
export function fromForm(form: FormData): Record<string, unknown> {
  const text = (name: string) => String(form.get(name) ?? "");
  const number = (name: string) => (text(name).trim() === "" ? Number.NaN : Number(text(name)));
  return {
    repositoryRules: text("repositoryRules"),
    planningStatement: text("planningStatement"),
    setupCommands: lines(text("setupCommands")),
    testCommands: lines(text("testCommands")),
    previewCommand: text("previewCommand").trim() || null,
    previewPages: lines(text("previewPages")),
    devCommand: text("devCommand").trim() || null,
    autoMerge: text("autoMerge"),
    mergeMethod: text("mergeMethod"),
    autoConfirmPlans: form.get("autoConfirmPlans") === "on",
    budget: {
      maxAttempts: number("budget.maxAttempts"),
      maxDollars: number("budget.maxDollars"),
      maxMinutes: number("budget.maxMinutes"),
    },
    model: text("model").trim() || null,
    // Null clears what the agent had (a patch merges into the stored settings).
    agent: {
      backend: text("agent.backend") || "built-in",
      model: text("agent.model").trim() || null,
      baseUrl: text("agent.baseUrl").trim() || null,
      apiKeySecret: text("agent.apiKeySecret").trim() || null,
    },
    triggerLabel: text("triggerLabel").trim(),
    allowNetworkInTests: form.get("allowNetworkInTests") === "on",
    useRepositoryConfig: form.get("useRepositoryConfig") === "on",
    mcpServers: jsonList(text("mcpServers")),
  };
}
