import type { Locator, Page } from "@playwright/test";

/** The dashboard as a person sees it. */
export class DashboardPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto("/");
  }

  get heading(): Locator {
    return this.page.getByRole("heading", { level: 1, name: "Projects" });
  }

  card(name: string): Locator {
    return this.page.getByRole("article", { name });
  }
}
