import { expect, test } from "@playwright/test";
import { admin } from "./accounts";
import { DashboardPage } from "./dashboard-page";
import { SignInPage } from "./sign-in-page";

// Signed out: these tests start from an empty browser, not the admin's stored session.
test.use({ storageState: { cookies: [], origins: [] } });

test("a visit to the dashboard without a session goes to the sign-in page, and back after signing in", async ({
  page,
}) => {
  await page.goto("/?view=cards");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2F%3Fview%3Dcards$/);
  const signIn = new SignInPage(page);
  await expect(signIn.heading).toBeVisible();
  await signIn.signIn(admin.email, admin.password);
  await page.waitForURL("/?view=cards");
  await expect(new DashboardPage(page).card("demo-cart")).toBeVisible();
});

test("a wrong password, or an unknown email, shows the same error and signs no one in", async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(admin.email, "not the password at all");
  await expect(signIn.error).toHaveText("Wrong email or password.");
  await expect(page.getByLabel("Email")).toHaveValue(admin.email);

  await signIn.goto();
  await expect(signIn.error).toBeHidden();
  await signIn.signIn("nobody@mergeline.local", "not the password at all");
  await expect(signIn.error).toHaveText("Wrong email or password.");
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2F$/);
});

test("signing out ends the session", async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(admin.email, admin.password);
  await page.waitForURL("/");

  await page.getByRole("button", { name: "Account" }).click();
  await expect(page.getByTestId("user-email")).toHaveText(admin.email);
  await page.getByRole("menuitem", { name: "Sign out", exact: true }).click();
  await page.waitForURL(/\/signin/);
  await expect(signIn.heading).toBeVisible();

  await page.goto("/");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2F$/);
  expect((await page.context().cookies()).map((cookie) => cookie.name)).not.toContain("authjs.session-token");
});

test("an invalid one-time link says so and signs no one in", async ({ page }) => {
  await page.goto(`/signin/one-time?token=${"x".repeat(43)}`);
  const alert = page.getByRole("alert").filter({ hasText: "sign-in link" });
  await expect(alert).toContainText("This sign-in link is invalid, has expired or has already been used.");
  // And how to get in anyway: nobody is locked out by a dead link.
  await expect(alert).toContainText("npm run auth:sign-in-link");
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin/);
});

test("the API for live updates answers 401 without a session", async ({ request }) => {
  const response = await request.get("/api/realtime/token?projectId=00000000-0000-4000-8000-000000000000");
  expect(response.status()).toBe(401);
  expect(await response.json()).toMatchObject({ error: { code: "unauthorized:session" } });
});
