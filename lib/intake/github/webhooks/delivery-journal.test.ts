import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DataDirOwnedError } from "@/db/data-dir-lock";
import { openDeliveryJournal } from "./delivery-journal";
import type { GithubWebhookEvent } from "./handle-github-webhook";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-journal-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const event = (n: number): GithubWebhookEvent => ({
  name: "github/issues.labeled",
  id: `github-d${n}`,
  data: {
    deliveryId: `d${n}`,
    installationId: 7,
    payload: { action: "labeled", issue: { number: n, body: "line one\nline two" } },
  },
});
const line = (n: number) => Buffer.from(JSON.stringify(event(n)));
const segments = () =>
  fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".ndjson"))
    .sort();

describe("openDeliveryJournal", () => {
  it("gives a new process back every entry the last one did not settle, in order", async () => {
    const first = openDeliveryJournal(dir);
    expect(first.unsettled).toEqual([]);
    const written = await Promise.all([1, 2, 3].map((n) => first.append(line(n))));
    first.settle(written[1]!);
    await first.close();

    const second = openDeliveryJournal(dir);
    // Settling is counted, not recorded: a restart sends all three again, and Inngest drops
    // the event ids it has (create-webhook-dependencies.ts skips the ids recorded as sent).
    expect(second.unsettled.map(({ event }) => event)).toEqual([event(1), event(2), event(3)]);
    expect(second.unsettled.map((entry) => entry.line.toString())).toEqual([1, 2, 3].map((n) => line(n).toString()));
    for (const { segment } of second.unsettled) second.settle(segment);
    // The old file is gone once everything in it is settled.
    await expect.poll(segments).toHaveLength(1);
    await second.close();
    await expect.poll(segments).toEqual([]);
    expect(openDeliveryJournal(dir).unsettled).toEqual([]);
  });

  it("skips a line cut short by a crash mid-write", async () => {
    const journal = openDeliveryJournal(dir);
    await journal.append(line(1));
    await journal.close();
    fs.appendFileSync(
      path.join(dir, segments()[0]!),
      '{"name":"github/issues.labeled","id":"github-d2","data":{"deliv',
    );
    const reopened = openDeliveryJournal(dir);
    expect(reopened.unsettled.map(({ event }) => event.id)).toEqual(["github-d1"]);
    await reopened.close();
  });

  it("starts a new file past the segment size and deletes settled ones", async () => {
    const journal = openDeliveryJournal(dir, { segmentBytes: 100 });
    const first = await journal.append(line(1));
    const second = await journal.append(line(2));
    expect(second).not.toBe(first);
    expect(segments()).toHaveLength(3);
    journal.settle(first);
    await expect.poll(segments).toHaveLength(2);
    journal.settle(second);
    await expect.poll(segments).toHaveLength(1);
    await journal.close();
  });

  it("has one owner at a time", async () => {
    const journal = openDeliveryJournal(dir);
    expect(() => openDeliveryJournal(dir)).toThrowError(DataDirOwnedError);
    await journal.close();
    await openDeliveryJournal(dir).close();
  });
});
