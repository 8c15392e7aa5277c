import type { LaunchOptions } from "playwright";
import { env } from "@/lib/platform/env";

/** The system Chromium with the arguments the e2e suite uses (playwright.config.ts); no download. */
export function chromiumLaunchOptions(): LaunchOptions {
  return {
    executablePath: env.CHROMIUM_PATH,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  };
}
