import type { Locator, Page } from "@playwright/test";

/** The admin's audit log page (/settings/audit). */
export class AuditPage {
  constructor(readonly page: Page) {}

  async goto(query = "") {
    await this.page.goto(`/settings/audit${query}`);
  }

  get heading(): Locator {
    return this.page.getByRole("heading", { level: 1, name: "Audit log" });
  }

  get rows(): Locator {
    return this.page.getByTestId("audit-row");
  }

  async filterByAction(action: string) {
    const filters = this.page.getByRole("search", { name: "Filter the audit log" });
    await filters.getByLabel("Action").fill(action);
    await filters.getByRole("button", { name: "Apply" }).click();
  }
}
