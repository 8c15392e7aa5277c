import { Writable } from "node:stream";

type Entry = { msg?: string; process?: string; exit?: string; reason?: string; err?: { message?: string } };

/** One of the launcher's own log lines (pino JSON) in words: "process exited unexpectedly: restarting (app, code 1)". */
export function describeLogEntry(line: string): string | null {
  let entry: Entry;
  try {
    entry = JSON.parse(line) as Entry;
  } catch {
    return line.trim() || null;
  }
  const about = [entry.process, entry.exit].filter(Boolean).join(", ");
  const cause = entry.err?.message ?? entry.reason;
  return `${entry.msg ?? "problem"}${about ? ` (${about})` : ""}${cause ? `: ${cause}` : ""}`;
}

/** A stream for pino that hands each line, in words, to `show` (the terminal's problem lines). */
export function humanLogStream(show: (text: string) => void): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n")) {
        const text = line.trim() ? describeLogEntry(line) : null;
        if (text) show(text);
      }
      done();
    },
  });
}
