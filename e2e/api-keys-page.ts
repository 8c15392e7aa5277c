import type { Locator, Page } from "@playwright/test";

/** Settings > API keys as a team admin sees it. */
export class ApiKeysPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto("/settings/api-keys");
  }

  get heading(): Locator {
    return this.page.getByRole("heading", { level: 1, name: "API keys" });
  }

  /** Creates a key through the dialog and returns the secret it shows once. */
  async create(name: string): Promise<string> {
    await this.page.getByRole("button", { name: "Create API key" }).click();
    const dialog = this.page.getByRole("dialog", { name: "Create API key" });
    await dialog.getByLabel("Name").fill(name);
    await dialog.getByRole("button", { name: "Create key" }).click();
    return this.page.getByTestId("api-key-secret").inputValue();
  }

  get secretDialog(): Locator {
    return this.page.getByRole("dialog", { name: "Copy your new API key" });
  }

  row(name: string): Locator {
    return this.page.getByTestId(`api-key-row-${name}`);
  }

  async revoke(name: string) {
    await this.row(name)
      .getByRole("button", { name: `Revoke ${name}` })
      .click();
    await this.page
      .getByRole("dialog", { name: `Revoke “${name}”?` })
      .getByRole("button", { name: "Revoke key" })
      .click();
  }
}
