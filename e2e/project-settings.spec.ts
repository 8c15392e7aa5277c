import { expect, test } from "@playwright/test";
import { pinFixtureRepository } from "./fixture-repository";

// A project of its own (pinned through the API with the admin's session), so other specs'
// runs on the demo project are not affected by these settings.

test("edit settings, see them persist, and have bad values refused on their fields", async ({ page }) => {
  const project = await pinFixtureRepository(page.request, "e2e-settings");
  await page.goto(`/projects/${project.id}/settings`);
  await expect(page.getByRole("heading", { level: 1, name: `${project.name}: settings` })).toBeVisible();

  await page.getByLabel("Test commands").fill("npm test\nnpm run lint");
  await page.getByLabel("Attempts").fill("5");
  await page.getByLabel("Repository rules").fill("Keep functions small.");
  await page.getByLabel("Auto-merge policy").click();
  await page.getByRole("option", { name: "When validation passes" }).click();
  await page.getByLabel("Allow network access in tests").check();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible();

  await page.reload();
  await expect(page.getByLabel("Test commands")).toHaveValue("npm test\nnpm run lint");
  await expect(page.getByLabel("Attempts")).toHaveValue("5");
  await expect(page.getByLabel("Repository rules")).toHaveValue("Keep functions small.");
  await expect(page.getByLabel("Allow network access in tests")).toBeChecked();
  const saved = (await (await page.request.get(`/api/v1/projects/${project.id}`)).json()) as {
    settings: Record<string, unknown>;
  };
  expect(saved.settings).toMatchObject({
    testCommands: ["npm test", "npm run lint"],
    autoMerge: "auto-when-green",
    allowNetworkInTests: true,
    budget: { maxAttempts: 5 },
  });

  // Bad values: each named on its field, and nothing is saved.
  await page.getByLabel("Attempts").fill("0");
  await page.getByLabel("Model", { exact: true }).fill("gpt-4");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Nothing was saved" })).toBeVisible();
  await expect(page.getByLabel("Attempts")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Model", { exact: true })).toHaveAttribute("aria-invalid", "true");
  // The focus moves to the first field at fault (Model comes before Attempts in the form).
  await expect(page.getByLabel("Model", { exact: true })).toBeFocused();
  const unchanged = (await (await page.request.get(`/api/v1/projects/${project.id}`)).json()) as {
    settings: { budget: { maxAttempts: number }; model: string | null };
  };
  expect(unchanged.settings.budget.maxAttempts).toBe(5);
  expect(unchanged.settings.model).toBeNull();
});

test("a saved secret's value never appears again, in the page or the API", async ({ page }) => {
  const project = await pinFixtureRepository(page.request, "e2e-secrets");
  const value = `e2e-secret-${Math.random().toString(36).slice(2)}-value`;
  await page.goto(`/projects/${project.id}/settings`);
  const secrets = page.getByRole("region", { name: "Secrets" });
  await secrets.getByLabel("Name").fill("DEPLOY_TOKEN");
  await secrets.getByLabel("Value").fill(value);
  await secrets.getByRole("button", { name: "Save secret" }).click();
  await expect(secrets.getByText("DEPLOY_TOKEN saved. Its value will not be shown again.")).toBeVisible();
  await expect(secrets.getByTestId("secret").filter({ hasText: "DEPLOY_TOKEN" })).toContainText("value hidden");
  await expect(secrets.getByLabel("Value")).toHaveValue("");
  expect(await page.content()).not.toContain(value);

  await page.reload();
  await expect(secrets.getByTestId("secret")).toHaveCount(1);
  expect(await page.content()).not.toContain(value);
  for (const url of [
    `/api/v1/projects/${project.id}/secrets`,
    `/api/v1/projects/${project.id}`,
    "/api/v1/projects?limit=100",
  ]) {
    const response = await page.request.get(url);
    expect(response.status(), url).toBe(200);
    expect(await response.text(), url).not.toContain(value);
  }
  expect(await (await page.request.get(`/api/v1/projects/${project.id}/secrets`)).text()).toContain("DEPLOY_TOKEN");

  // Replace, then delete.
  await secrets.getByLabel("Name").fill("DEPLOY_TOKEN");
  await secrets.getByLabel("Value").fill("another value");
  await secrets.getByRole("button", { name: "Save secret" }).click();
  await expect(secrets.getByText("DEPLOY_TOKEN saved.")).toBeVisible();
  await secrets.getByRole("button", { name: "Delete DEPLOY_TOKEN" }).click();
  await expect(secrets.getByTestId("secret")).toHaveCount(0);
});
