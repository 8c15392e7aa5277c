import type { Page } from "playwright";
import { percentile } from "./figures";

/** The median first contentful paint of `loads` fresh loads of `url` in the page, in ms. */
export async function firstContentfulPaint(page: Page, url: string, loads = 5): Promise<number> {
  const paints: number[] = [];
  for (let i = 0; i < loads; i++) {
    await page.goto(url, { waitUntil: "load", timeout: 120_000 });
    paints.push(
      await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const entry = performance.getEntriesByName("first-contentful-paint")[0];
            if (entry) return resolve(entry.startTime);
            new PerformanceObserver((list) => {
              const paint = list.getEntriesByName("first-contentful-paint")[0];
              if (paint) resolve(paint.startTime);
            }).observe({ type: "paint", buffered: true });
          }),
      ),
    );
  }
  return percentile(paints, 50);
}
