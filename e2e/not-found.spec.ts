import { expect, test } from "@playwright/test";

// Unknown addresses, runs and projects answer a branded page with status 404 and a way home,
// whether the id is malformed, unknown, or another team's (which is not told apart).

const cases = [
  { path: "/no-such-page", heading: "Page not found" },
  { path: "/runs/00000000-0000-4000-8000-000000000000", heading: "Run not found" },
  { path: "/runs/not-a-run-id", heading: "Run not found" },
  { path: "/projects/00000000-0000-4000-8000-000000000000", heading: "Project not found" },
  { path: "/projects/00000000-0000-4000-8000-000000000000/settings", heading: "Project not found" },
];

for (const { path, heading } of cases) {
  test(`${path} answers 404 with the way home`, async ({ page }) => {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await page.getByRole("link", { name: "Back to projects" }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("heading", { level: 1, name: "Projects" })).toBeVisible();
  });
}
