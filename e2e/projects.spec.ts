import { expect, test } from "@playwright/test";
import { makeFixtureRepository } from "./fixture-repository";
import { ProjectsPage } from "./projects-page";

// Pinning through the selector, searching and filtering the cards (state in the URL),
// and the cards' keyboard access, as the first admin.

test("pin a local repository through the selector, find it by search and status, then unpin it", async ({ page }) => {
  const projects = new ProjectsPage(page);
  const repository = makeFixtureRepository("e2e-pinned");
  await projects.goto();

  // A path that is not a git repository is refused on the field, and nothing is pinned.
  const refused = await projects.pinLocal("/definitely/not/a/repository");
  await expect(refused.getByLabel("Repository path")).toHaveAttribute("aria-invalid", "true");
  await expect(refused).toContainText(/No repository at|not a git repository/);
  await refused.getByRole("button", { name: "Close" }).click();

  const dialog = await projects.pinLocal(repository.path);
  await expect(dialog).toBeHidden();
  const card = projects.card(repository.name);
  await expect(card).toBeVisible();
  await expect(card).toContainText("No runs yet");
  await expect(card.getByTestId("metric-success-rate")).toHaveText("–");
  await expect(card.getByTestId("metric-spend")).toHaveText("$0");

  // Search narrows the cards and lands in the URL, so a reload keeps the view.
  await projects.search.fill(repository.name);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${repository.name}`));
  await projects.expectOnlyCards([repository.name]);
  await page.reload();
  await projects.expectOnlyCards([repository.name]);
  await expect(projects.search).toHaveValue(repository.name);

  // The new project has no run in progress: "Running" hides it, "Idle" shows it.
  await projects.statusFilter(/^Running/).click();
  await expect(page).toHaveURL(/status=active/);
  await expect(projects.cards).toHaveCount(0);
  await expect(page.getByRole("status")).toContainText("No project matches");
  await projects.statusFilter(/^Idle/).click();
  await projects.expectOnlyCards([repository.name]);

  // A search that matches nothing says so and still offers to pin a repository.
  await projects.search.fill("no-such-repository-anywhere");
  await expect(page.getByRole("status")).toContainText("No project matches");
  await expect(page.getByTestId("pinned-count")).toHaveText("0 matching");
  await expect(page.getByRole("button", { name: "Pin a repository" })).toBeVisible();
  await projects.search.fill(repository.name);
  await projects.expectOnlyCards([repository.name]);

  // Keyboard: the card's menu opens with Enter and its items are reachable with arrows.
  const menuButton = card.getByRole("button", { name: `Actions for ${repository.name}` });
  await menuButton.focus();
  await page.keyboard.press("Enter");
  const menu = page.getByRole("menu");
  await expect(menu.getByRole("menuitem", { name: "Settings" })).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(menu.getByRole("menuitem", { name: "Unpin" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(card).toBeHidden();

  await projects.goto(`?q=${repository.name}`);
  await expect(projects.cards).toHaveCount(0);
});

test("the project page lists its runs and links to its settings", async ({ page }) => {
  const projects = new ProjectsPage(page);
  await projects.goto("?q=demo-cart");
  await projects.card("demo-cart").getByRole("link", { name: "demo-cart" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "demo-cart" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Breadcrumb" })).toContainText("Projects");
  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "demo-cart: settings" })).toBeVisible();
});
