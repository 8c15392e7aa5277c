import { describe, expect, it } from "vitest";
import { defaultProjectSettings, projectSettingsSchema } from "@/lib/projects/settings";
import { fromForm, toFormValues } from "./settings-form-values";

const formOf = (values: Record<string, string>) => {
  const form = new FormData();
  for (const [name, value] of Object.entries(values)) form.set(name, value);
  return form;
};

describe("settings form values", () => {
  it("round-trip a settings document through the form's text", () => {
    const settings = defaultProjectSettings({
      testCommands: ["npm test", "npm run lint"],
      previewCommand: "npm start",
      model: "scripted",
      autoConfirmPlans: true,
      allowNetworkInTests: true,
      agent: { backend: "codex", model: "gpt-5.1", baseUrl: "http://127.0.0.1:11434/v1", apiKeySecret: "OPENAI_KEY" },
      useRepositoryConfig: true,
      mcpServers: [
        { name: "tickets", url: "https://mcp.example.com/mcp", headers: { Authorization: "Bearer {{secret:T}}" } },
      ],
    });
    const form = formOf({
      ...toFormValues(settings),
      autoConfirmPlans: "on",
      allowNetworkInTests: "on",
      useRepositoryConfig: "on",
    });
    expect(projectSettingsSchema.parse(fromForm(form))).toEqual(settings);
    // Empty agent fields are sent as null, so a saved model or endpoint can be cleared.
    const cleared = formOf({
      ...toFormValues(settings),
      "agent.backend": "built-in",
      "agent.model": "",
      "agent.baseUrl": "",
    });
    expect(fromForm(cleared).agent).toEqual({
      backend: "built-in",
      model: null,
      baseUrl: null,
      apiKeySecret: "OPENAI_KEY",
    });
  });

  it("reads lists one item per line, empty optional text as null, and a bad number as NaN for the server to refuse", () => {
    const values = fromForm(
      formOf({
        ...toFormValues(defaultProjectSettings()),
        setupCommands: " npm ci \n\n  ",
        previewCommand: "  ",
        model: "",
        "budget.maxAttempts": "",
        "budget.maxDollars": "2.5",
      }),
    );
    expect(values).toMatchObject({
      setupCommands: ["npm ci"],
      previewCommand: null,
      model: null,
      autoConfirmPlans: false,
      budget: { maxDollars: 2.5 },
    });
    expect((values.budget as { maxAttempts: number }).maxAttempts).toBeNaN();
    expect(projectSettingsSchema.safeParse(values).success).toBe(false);
  });
});
