import type { BrowserCheck } from "@/db/schema";

/** A page passes when it answered 2xx/3xx and logged no console error, page error or failed request. */
export function browserCheckPassed(check: BrowserCheck): boolean {
  return (
    check.status !== null &&
    check.status >= 200 &&
    check.status < 400 &&
    check.consoleErrors.length === 0 &&
    check.pageErrors.length === 0 &&
    check.failedRequests.length === 0
  );
}
