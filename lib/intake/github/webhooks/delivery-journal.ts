import fs from "node:fs";
import path from "node:path";
import { acquireDataDirLock } from "@/db/data-dir-lock";
import { logger } from "@/lib/platform/logger";
import { createBatcher } from "./create-batcher";
import type { GithubWebhookEvent } from "./handle-github-webhook";

// The webhook outbox's write-ahead log: every delivery Mergeline acts on is appended here
// (one JSON line) before GitHub gets its 202, and settled once Inngest has it and the
// database knows its id. A process that dies in between leaves the lines behind; the next
// one replays them. Appends that arrive together share one write. A segment is closed past
// SEGMENT_BYTES and deleted once every entry in it is settled.

const SEGMENT_BYTES = 4 * 1024 * 1024;
const SEGMENT_NAME = /^deliveries-(\d{12})\.ndjson$/;
const NEWLINE = Buffer.from("\n");

/** A file of entries; `unsettled` counts the entries in it not yet settled. */
export type JournalSegment = { file: string; unsettled: number; closed: boolean };

export type DeliveryJournal = {
  /** What earlier processes appended and never settled, oldest first: each line, parsed, and its segment. */
  unsettled: { line: Buffer; event: GithubWebhookEvent; segment: JournalSegment }[];
  /** Appends an entry, a serialized event (serialized-events.ts); resolves once it is written (its segment is what `settle` takes). */
  append: (line: Buffer) => Promise<JournalSegment>;
  settle: (segment: JournalSegment) => void;
  close: () => Promise<void>;
};

const isEvent = (value: unknown): value is GithubWebhookEvent => {
  const event = value as GithubWebhookEvent | null;
  return (
    typeof event?.name === "string" &&
    typeof event.id === "string" &&
    typeof event.data?.deliveryId === "string" &&
    typeof event.data.payload === "object"
  );
};

function readSegment(file: string): {
  segment: JournalSegment;
  entries: { line: Buffer; event: GithubWebhookEvent }[];
} {
  const segment: JournalSegment = { file, unsettled: 0, closed: true };
  const entries: { line: Buffer; event: GithubWebhookEvent }[] = [];
  for (const text of fs.readFileSync(file, "utf8").split("\n")) {
    if (!text) continue;
    try {
      const event: unknown = JSON.parse(text);
      if (!isEvent(event)) throw new Error("not a journal entry");
      entries.push({ line: Buffer.from(text), event });
    } catch {
      // The last line of a process killed mid-write; its delivery never got a 202.
      logger.warn({ file }, "skipped an incomplete line of the webhook journal");
    }
  }
  segment.unsettled = entries.length;
  return { segment, entries };
}

/**
 * Opens the journal in `dir` (created if missing), reading what earlier processes left.
 * One process owns it at a time (the same lock as the embedded database's): a second one
 * would replay, and delete, files the first is still writing.
 */
export function openDeliveryJournal(
  dir: string,
  { segmentBytes = SEGMENT_BYTES }: { segmentBytes?: number } = {},
): DeliveryJournal {
  fs.mkdirSync(dir, { recursive: true });
  const release = acquireDataDirLock(dir);
  let names: string[];
  const unsettled: DeliveryJournal["unsettled"] = [];
  try {
    names = fs
      .readdirSync(dir)
      .filter((name) => SEGMENT_NAME.test(name))
      .sort();
    for (const name of names) {
      const { segment, entries } = readSegment(path.join(dir, name));
      if (entries.length === 0) fs.rmSync(segment.file, { force: true });
      for (const entry of entries) unsettled.push({ ...entry, segment });
    }
  } catch (error) {
    release();
    throw error;
  }
  let sequence = names.length > 0 ? Number(SEGMENT_NAME.exec(names.at(-1)!)![1]) : 0;

  let current!: JournalSegment;
  let fd = -1;
  let size = 0;
  const remove = (segment: JournalSegment) =>
    fs.rm(
      segment.file,
      { force: true },
      (error) =>
        error && logger.warn({ err: error, file: segment.file }, "could not delete a settled webhook journal file"),
    );
  const startSegment = () => {
    sequence++;
    current = {
      file: path.join(dir, `deliveries-${String(sequence).padStart(12, "0")}.ndjson`),
      unsettled: 0,
      closed: false,
    };
    fd = fs.openSync(/*turbopackIgnore: true*/ current.file, "a");
    size = 0;
  };
  const closeSegment = () => {
    fs.closeSync(fd);
    current.closed = true;
    if (current.unsettled === 0) fs.rmSync(current.file, { force: true });
  };
  startSegment();

  const write = createBatcher<Buffer, JournalSegment>(async (lines) => {
    const buffers = lines.flatMap((line) => [line, NEWLINE]);
    const segment = current;
    await new Promise<void>((resolve, reject) =>
      fs.writev(fd, buffers, (error) => (error ? reject(error) : resolve())),
    );
    segment.unsettled += lines.length;
    size += buffers.reduce((sum, buffer) => sum + buffer.length, 0);
    if (size >= segmentBytes) {
      closeSegment();
      startSegment();
    }
    return lines.map(() => segment);
  });

  return {
    unsettled,
    append: write,
    settle: (segment) => {
      segment.unsettled--;
      if (segment.closed && segment.unsettled === 0) remove(segment);
    },
    close: async () => {
      closeSegment();
      release();
    },
  };
}
