import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/platform/env-schema";
import { readEngineConfig } from "@/inngest/local-engine/config";
import { ensureLocalSecrets } from "./local-secrets";

describe("ensureLocalSecrets", () => {
  it("generates valid secrets once, keeps them private, and reuses them", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-secrets-"));
    const first = ensureLocalSecrets(dir, {});
    expect(Object.keys(first).sort()).toEqual(["AUTH_SECRET", "MERGELINE_ENCRYPTION_KEY", "REALTIME_SECRET"]);
    expect(() => parseEnv(first)).not.toThrow();
    expect(Buffer.from(first.MERGELINE_ENCRYPTION_KEY!, "base64")).toHaveLength(32);
    expect(fs.statSync(path.join(dir, "secrets.json")).mode & 0o777).toBe(0o600);
    expect(ensureLocalSecrets(dir, {})).toEqual(first);
    fs.rmSync(dir, { recursive: true });
  });

  it("lets the environment win and writes nothing when all are set", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-secrets-"));
    const given = { AUTH_SECRET: "a".repeat(40), REALTIME_SECRET: "r".repeat(40), MERGELINE_ENCRYPTION_KEY: "k" };
    expect(ensureLocalSecrets(dir, given)).toEqual({});
    expect(fs.existsSync(path.join(dir, "secrets.json"))).toBe(false);
    expect(Object.keys(ensureLocalSecrets(dir, { AUTH_SECRET: "a".repeat(40) })).sort()).toEqual([
      "MERGELINE_ENCRYPTION_KEY",
      "REALTIME_SECRET",
    ]);
    fs.rmSync(dir, { recursive: true });
  });

  it("with the embedded engine, also generates its event and signing keys, valid for the engine", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-secrets-"));
    const first = ensureLocalSecrets(dir, {}, { embeddedEngine: true });
    expect(first.INNGEST_SIGNING_KEY).toMatch(/^signkey-local-[0-9a-f]{64}$/);
    expect(readEngineConfig(first).auth).toEqual({
      eventKey: first.INNGEST_EVENT_KEY,
      signingKey: first.INNGEST_SIGNING_KEY,
    });
    expect(ensureLocalSecrets(dir, {}, { embeddedEngine: true })).toEqual(first);
    // Keys from the environment win (production sets them there).
    expect(ensureLocalSecrets(dir, { INNGEST_EVENT_KEY: "given" }, { embeddedEngine: true }).INNGEST_EVENT_KEY).toBe(
      undefined,
    );
    fs.rmSync(dir, { recursive: true });
  });
});
