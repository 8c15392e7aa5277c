import { expect, type Locator, type Page } from "@playwright/test";

/** The dashboard's project cards, their filters and the repository selector. */
export class ProjectsPage {
  constructor(readonly page: Page) {}

  async goto(query = "") {
    await this.page.goto(`/${query}`);
  }

  card(name: string): Locator {
    return this.page.getByRole("article", { name });
  }

  get cards(): Locator {
    return this.page.getByTestId("project-card");
  }

  /** The search field as people (and assistive technology) get it: by role, never a hidden copy. */
  get search(): Locator {
    return this.page.getByRole("searchbox", { name: "Search projects" });
  }

  statusFilter(label: RegExp): Locator {
    return this.page.getByRole("group", { name: "Filter projects by status" }).getByRole("button", { name: label });
  }

  async pinLocal(repositoryPath: string) {
    await this.page.getByRole("button", { name: "Pin a repository" }).first().click();
    const dialog = this.page.getByRole("dialog", { name: "Pin a repository" });
    await dialog.getByRole("tab", { name: "Local path" }).click();
    await dialog.getByLabel("Repository path").fill(repositoryPath);
    await dialog.getByRole("button", { name: "Pin", exact: true }).click();
    return dialog;
  }

  async expectOnlyCards(names: string[]) {
    await expect(this.cards).toHaveCount(names.length);
    for (const name of names) await expect(this.card(name)).toBeVisible();
  }
}
