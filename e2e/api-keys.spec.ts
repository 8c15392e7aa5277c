import { expect, test } from "@playwright/test";
import { ApiKeysPage } from "./api-keys-page";

// Signed in as the admin (the setup project): a key made on the settings page works on the
// REST API until it is revoked there, and its secret is shown exactly once.

test("an admin creates an API key, uses it, and revokes it", async ({ page, request }) => {
  const keys = new ApiKeysPage(page);
  await page.goto("/");
  await page.getByRole("button", { name: "Account" }).click();
  await page.getByRole("menuitem", { name: "Settings: API keys" }).click();
  await expect(keys.heading).toBeVisible();

  const name = `e2e key ${Date.now().toString(36)}`;
  const secret = await keys.create(name);
  expect(secret).toMatch(/^ml_/);
  await expect(keys.secretDialog.getByText("you will not see it again")).toBeVisible();
  await keys.secretDialog.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId("api-key-secret")).toHaveCount(0);
  await expect(keys.row(name)).toContainText("active");
  await expect(page.getByText(secret)).toHaveCount(0);

  const auth = { authorization: `Bearer ${secret}` };
  expect((await request.get("/api/v1/projects", { headers: auth })).status()).toBe(200);

  await keys.revoke(name);
  await expect(keys.row(name)).toContainText("revoked");
  expect((await request.get("/api/v1/projects", { headers: auth })).status()).toBe(401);
});
