import { expect, test } from "@playwright/test";
import { type FakeAgentProvider, type ProviderScript, startFakeAgentProvider } from "../testing/ai/fake-agent-provider";
import { fileEditScript } from "../testing/ai/file-edit-script";
import { pinFreshCartProject, waitForRunState } from "./fresh-cart-project";

// Best-of-3 with Codex CLI against a stand-in of the OpenAI Responses API on loopback (the
// product's sandbox reaches that one port): the candidates side by side on the run page, the
// small passing one as the PR, and a person picking another before merging.

const small = "export const itemCount = (cart) => cart.reduce((sum, line) => sum + line.quantity, 0);\n";
const large = `${Array.from({ length: 40 }, (_, i) => `// note ${i}`).join("\n")}\n${small}`;
const scripts: Record<string, ProviderScript> = {
  breaks: fileEditScript({
    file: "src/cart.js",
    content: "export const broken = ;\n",
    via: "shell",
    command: "npm test",
  }),
  large: fileEditScript({ file: "src/item-count.js", content: large }),
  small: fileEditScript({ file: "src/item-count.js", content: small }),
};

let provider: FakeAgentProvider;
test.beforeAll(async () => {
  provider = await startFakeAgentProvider((request) => (scripts[request.model] ?? scripts.small!)(request));
});
test.afterAll(async () => provider?.close());

test("best of 3: candidates side by side, the small passing one is the PR, a person picks another", async ({
  page,
}) => {
  test.setTimeout(300_000);
  const projectId = await pinFreshCartProject(page);
  const codex = (model: string) => ({ backend: "codex", model, baseUrl: `${provider.origin}/v1` });
  const created = await page.request.post(`/api/v1/projects/${projectId}/runs`, {
    data: {
      goal: "Let shoppers remove an item from the cart",
      autoConfirm: true,
      agents: [codex("breaks"), codex("large"), codex("small")],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const runId = ((await created.json()) as { id: string }).id;
  expect(await waitForRunState(page, runId, ["ready", "failed", "needs_human"], 240_000)).toBe("ready");

  await page.goto(`/runs/${runId}`);
  const candidates = page.getByTestId("run-candidates");
  await expect(candidates.getByRole("heading", { name: "Best of 3" })).toBeVisible();
  await expect(candidates.getByTestId("candidate-1")).toContainText("failed");
  await expect(candidates.getByTestId("candidate-2")).toContainText("passed");
  await expect(candidates.getByTestId("candidate-3")).toContainText("the PR");
  await expect(candidates.getByTestId("candidate-3")).toContainText("Codex CLI (small)");
  // Side by side on a desktop: the three cards share one row.
  const [first, third] = await Promise.all([
    candidates.getByTestId("candidate-1").boundingBox(),
    candidates.getByTestId("candidate-3").boundingBox(),
  ]);
  expect(Math.abs((first?.y ?? 0) - (third?.y ?? 1))).toBeLessThan(2);
  // Each candidate's transcript is there, and Codex's file change shows as a diff.
  await expect(page.getByTestId("transcript")).toContainText("best-of-N candidate 3");

  await candidates.getByTestId("candidate-2").getByRole("button", { name: "Pick this one" }).click();
  await expect(page.getByTestId("run-state")).toHaveText("Ready to merge", { timeout: 120_000 });
  await expect(candidates.getByTestId("candidate-2")).toContainText("the PR", { timeout: 30_000 });
  const pr = await page.request.get(`/api/v1/runs/${runId}`);
  const body = (await pr.json()) as { attempt: number; candidates: { index: number; chosen: boolean }[] };
  expect(body.attempt).toBe(2);
  expect(body.candidates.find((candidate) => candidate.chosen)?.index).toBe(2);
});

test("the start-run dialog offers the coding agents and parallel attempts", async ({ page }) => {
  const projectId = await pinFreshCartProject(page);
  await page.goto(`/projects/${projectId}`);
  await page.getByRole("button", { name: "Start a run" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Coding agent").click();
  for (const name of ["Codex CLI", "Claude Code", "Gemini CLI", "Qwen Code"])
    await expect(page.getByRole("option", { name })).toBeVisible();
  await page.getByRole("option", { name: "Claude Code" }).click();
  await dialog.getByLabel("Attempts").click();
  await expect(page.getByRole("option", { name: "4" })).toBeVisible();
  await page.keyboard.press("Escape");
});
