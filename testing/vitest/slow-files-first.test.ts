import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { slowFiles } from "./slow-files-first";

const root = path.resolve(import.meta.dirname, "../..");

describe("the slow files vitest starts first", () => {
  // A file renamed or removed would silently start last again, by size.
  it("are test files that exist", () => {
    for (const file of slowFiles) {
      expect(fs.existsSync(path.join(root, file)), file).toBe(true);
      expect(file).toMatch(/\.test\.ts$/);
    }
  });
});
