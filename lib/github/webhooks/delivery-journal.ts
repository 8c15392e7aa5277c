import fs from "node:fs";
import path from "node:path";
import { acquireDataDirLock } from "@/db/data-dir-lock";
import { logger } from "@/lib/logger";
import { createBatcher } from "./create-batcher";
import type { GithubWebhookEvent } from "./handle-github-webhook";

// The webhook outbox's write-ahead log: every delivery Mergeline acts on is appended here
// (one JSON line) before GitHub gets its 202, and settled once Inngest has it and the
// database knows its id. A process that dies in between leaves the lines behind; the next
// one replays them. Appends that arrive together share one write. A segment is closed past
// SEGMENT_BYTES and deleted once every entry in it is settled.

const SEGMENT_BYTES = 4 * 1024 * 1024;
const SEGMENT_NAME = /^deliveries-(\d{12})\.ndjson$/;

/** A file of entries; `unsettled` counts the entries in it not yet settled. */
export type JournalSegment = { file: string; unsettled: number; closed: boolean };

export type DeliveryJournal = {
  /** What earlier processes appended and never settled, oldest first, with their segments. */
  unsettled: { event: GithubWebhookEvent; segment: JournalSegment }[];
  /** Appends an entry; resolves once it is written (its segment is what `settle` takes). */
  append: (event: GithubWebhookEvent) => Promise<JournalSegment>;
  settle: (segment: JournalSegment) => void;
  close: () => Promise<void>;
};

const isEvent = (value: unknown): value is GithubWebhookEvent => {
  const event = value as GithubWebhookEvent | null;
  return typeof event?.name === "string" && typeof event.id === "string" && typeof event.data?.deliveryId === "string" && typeof event.data.payload === "object";
};

function readSegment(file: string): { segment: JournalSegment; events: GithubWebhookEvent[] } {
  const segment: JournalSegment = { file, unsettled: 0, closed: true };
  const events: GithubWebhookEvent[] = [];
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    if (!line) continue;
    try {
      const event: unknown = JSON.parse(line);
      if (!isEvent(event)) throw new Error("not a journal entry");
      events.push(event);
    } catch {
      // The last line of a process killed mid-write; its delivery never got a 202.
      logger.warn({ file }, "skipped an incomplete line of the webhook journal");
    }
  }
  segment.unsettled = events.length;
  return { segment, events };
}

/**
 * Opens the journal in `dir` (created if missing), reading what earlier processes left.
 * One process owns it at a time (the same lock as the embedded database's): a second one
 * would replay, and delete, files the first is still writing.
 */
export function openDeliveryJournal(dir: string, { segmentBytes = SEGMENT_BYTES }: { segmentBytes?: number } = {}): DeliveryJournal {
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
      const { segment, events } = readSegment(path.join(dir, name));
      if (events.length === 0) fs.rmSync(segment.file, { force: true });
      for (const event of events) unsettled.push({ event, segment });
    }
  } catch (error) {
    release();
    throw error;
  }
  let sequence = names.length > 0 ? Number(SEGMENT_NAME.exec(names.at(-1)!)![1]) : 0;

  let current!: JournalSegment;
  let fd = -1;
  let size = 0;
  const remove = (segment: JournalSegment) => fs.rm(segment.file, { force: true }, (error) => error && logger.warn({ err: error, file: segment.file }, "could not delete a settled webhook journal file"));
  const startSegment = () => {
    sequence++;
    current = { file: path.join(dir, `deliveries-${String(sequence).padStart(12, "0")}.ndjson`), unsettled: 0, closed: false };
    fd = fs.openSync(current.file, "a");
    size = 0;
  };
  const closeSegment = () => {
    fs.closeSync(fd);
    current.closed = true;
    if (current.unsettled === 0) fs.rmSync(current.file, { force: true });
  };
  startSegment();

  const write = createBatcher<GithubWebhookEvent, JournalSegment>(async (events) => {
    const text = events.map((event) => `${JSON.stringify(event)}\n`).join("");
    const segment = current;
    await new Promise<void>((resolve, reject) => fs.write(fd, text, null, "utf8", (error) => (error ? reject(error) : resolve())));
    segment.unsettled += events.length;
    size += Buffer.byteLength(text);
    if (size >= segmentBytes) {
      closeSegment();
      startSegment();
    }
    return events.map(() => segment);
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
