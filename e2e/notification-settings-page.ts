import type { Locator, Page } from "@playwright/test";

/** The notifications settings page as an admin sees it. */
export class NotificationSettingsPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto("/");
    await this.page.getByRole("button", { name: "Account" }).click();
    await this.page.getByRole("menuitem", { name: "Settings: Notifications" }).click();
  }

  get heading(): Locator {
    return this.page.getByRole("heading", { level: 1, name: "Notifications" });
  }

  destination(name: string): Locator {
    return this.page.locator(`[data-testid="destination"][data-name="${name}"]`);
  }

  /** Adds a webhook for the events, on one project; returns its signing secret, shown this once. */
  async addWebhook({ name, url, events, project }: { name: string; url: string; events: string[]; project?: string }) {
    await this.page.getByRole("button", { name: "Add destination" }).click();
    const dialog = this.page.getByRole("dialog", { name: "Add a destination" });
    await dialog.getByLabel("Name").fill(name);
    await dialog.getByLabel("URL").fill(url);
    // Two events are ticked for a new destination: untick them, then tick the ones asked for.
    for (const checkbox of await dialog.getByRole("checkbox").all())
      if (await checkbox.isChecked()) await checkbox.uncheck();
    for (const event of events)
      await dialog.getByRole("checkbox", { name: new RegExp(`\\(${event.replace(".", "\\.")}\\)`) }).check();
    if (project) {
      await dialog.getByRole("combobox", { name: "Projects" }).click();
      await this.page.getByRole("option", { name: project, exact: true }).click();
      await this.page.keyboard.press("Escape");
    }
    await dialog.getByRole("button", { name: "Save" }).click();
    const secret = await this.page.getByTestId("signing-secret").inputValue();
    await this.page
      .getByRole("dialog", { name: "Copy the signing secret" })
      .getByRole("button", { name: "Done" })
      .click();
    return secret;
  }
}
