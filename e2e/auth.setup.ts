import { expect, test as setup } from "@playwright/test";
import { admin, adminStorageState } from "./accounts";
import { SignInPage } from "./sign-in-page";

// Signs in once through the real form; the other projects start from this browser state.
setup("sign in as the first admin", async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(admin.email, admin.password);
  await page.waitForURL("/");
  await expect(page.getByRole("heading", { level: 1, name: "Projects" })).toBeVisible();
  await page.context().storageState({ path: adminStorageState(process.env.MERGELINE_E2E_DATA_DIR!) });
});
