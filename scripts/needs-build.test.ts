import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { needsBuild } from "./needs-build";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-build-"));
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

function touch(file: string, secondsAgo: number) {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), "x");
  const time = new Date(Date.now() - secondsAgo * 1000);
  fs.utimesSync(path.join(root, file), time, time);
}

describe("needsBuild", () => {
  it("builds when there is no build, or a source is newer than it", () => {
    touch("app/page.tsx", 100);
    expect(needsBuild(root)).toBe("missing");
    touch(".next/BUILD_ID", 50);
    expect(needsBuild(root)).toBeNull();
    touch("lib/deep/module.ts", 10);
    expect(needsBuild(root)).toBe("stale");
  });

  it("ignores tests and migrations, which are not part of the build", () => {
    touch(".next/BUILD_ID", 50);
    touch("lib/thing.test.ts", 1);
    touch("db/migrations/0001_x.sql", 1);
    expect(needsBuild(root)).toBeNull();
  });
});
