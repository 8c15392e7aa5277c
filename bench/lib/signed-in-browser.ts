import { type Browser, chromium, type Page } from "playwright";

export type SignedInBrowser = { browser: Browser; page: Page };

// The launch arguments of playwright.config.ts (no sandbox in containers, no network noise).
const args = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Headless system Chromium, signed in through the product's real sign-in form. */
export async function signedInBrowser({
  baseUrl,
  email,
  password,
}: {
  baseUrl: string;
  email: string;
  password: string;
}): Promise<SignedInBrowser> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args });
  const page = await browser.newPage({ baseURL: baseUrl });
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL(`${baseUrl}/`, { timeout: 60_000 });
  return { browser, page };
}
