import { StringDecoder } from "node:string_decoder";

const REDACTED = "[redacted]";

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// A UTF-8 continuation byte is 10xxxxxx: a cut must not start or end inside a character.
const isContinuation = (byte: number | undefined) => byte !== undefined && (byte & 0xc0) === 0x80;

/** Where a buffer must end so that its last character is whole. */
function wholeCharactersEnd(bytes: Buffer): number {
  if (bytes.length === 0) return 0;
  let start = bytes.length - 1;
  while (start > 0 && isContinuation(bytes[start])) start--;
  const lead = bytes[start];
  const width = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return start + width <= bytes.length ? bytes.length : start;
}

/**
 * Collects a command's output: redacts secrets as it streams (so a secret split across
 * two chunks is still caught), then keeps at most `maxBytes`: the first half and the last
 * half, with a `[... N bytes cut ...]` marker between them. Redaction happens before the
 * cut, so the cut can never expose part of a secret.
 */
export class OutputCapture {
  private readonly decoder = new StringDecoder("utf8");
  private readonly pattern: RegExp | null;
  private readonly holdBack: number;
  private pending = "";
  private readonly headLimit: number;
  private readonly tailLimit: number;
  private readonly head: Buffer[] = [];
  private headLength = 0;
  private tail: Buffer[] = [];
  private tailLength = 0;
  private total = 0;

  constructor(
    maxBytes: number,
    redact: string[] = [],
    // Sees the output as it is kept, already redacted (a dev server's live log).
    private readonly listener?: (text: string) => void,
  ) {
    // Longest first, so a secret that contains another is replaced whole.
    const secrets = [...new Set(redact.filter((value) => value.length > 0))].sort((a, b) => b.length - a.length);
    this.pattern = secrets.length > 0 ? new RegExp(secrets.map(escapeRegExp).join("|"), "g") : null;
    this.holdBack = secrets.length > 0 ? secrets[0].length - 1 : 0;
    this.headLimit = Math.floor(Math.max(0, maxBytes) / 2);
    this.tailLimit = Math.max(0, maxBytes) - this.headLimit;
  }

  write(chunk: Buffer): void {
    this.pending += this.decoder.write(chunk);
    this.flush(false);
  }

  finish(): { output: string; truncated: boolean } {
    this.pending += this.decoder.end();
    this.flush(true);
    this.trimTail();
    const head = Buffer.concat(this.head);
    const tail = Buffer.concat(this.tail);
    const cut = this.total - head.length - tail.length;
    if (cut === 0) return { output: Buffer.concat([head, tail]).toString("utf8"), truncated: false };
    const headEnd = wholeCharactersEnd(head);
    let tailStart = 0;
    while (tailStart < tail.length && isContinuation(tail[tailStart])) tailStart++;
    const dropped = cut + (head.length - headEnd) + tailStart;
    const output = `${head.subarray(0, headEnd).toString("utf8")}\n[... ${dropped} bytes cut ...]\n${tail.subarray(tailStart).toString("utf8")}`;
    return { output, truncated: true };
  }

  private flush(final: boolean): void {
    let text = this.pending;
    let keepFrom = text.length;
    if (this.pattern) {
      let replaced = "";
      let last = 0;
      let lastMarkerEnd = 0;
      for (const match of text.matchAll(this.pattern)) {
        replaced += text.slice(last, match.index) + REDACTED;
        last = match.index + match[0].length;
        lastMarkerEnd = replaced.length;
      }
      text = replaced + text.slice(last);
      // Hold back what could be the start of a secret whose end has not arrived yet, but
      // never a marker (a marker followed by new text must not form a new match).
      keepFrom = final ? text.length : Math.max(lastMarkerEnd, text.length - this.holdBack);
    }
    this.pending = text.slice(keepFrom);
    if (keepFrom > 0) this.append(Buffer.from(text.slice(0, keepFrom), "utf8"));
  }

  private append(bytes: Buffer): void {
    this.listener?.(bytes.toString("utf8"));
    this.total += bytes.length;
    let rest = bytes;
    if (this.headLength < this.headLimit) {
      const take = rest.subarray(0, this.headLimit - this.headLength);
      this.head.push(take);
      this.headLength += take.length;
      rest = rest.subarray(take.length);
    }
    if (rest.length === 0) return;
    this.tail.push(rest);
    this.tailLength += rest.length;
    // Compact only when the tail is well past its limit, to keep appends cheap.
    if (this.tailLength > this.tailLimit * 2 + 65536) this.trimTail();
  }

  private trimTail(): void {
    const joined = Buffer.concat(this.tail);
    const kept = joined.subarray(Math.max(0, joined.length - this.tailLimit));
    this.tail = [Buffer.from(kept)];
    this.tailLength = kept.length;
  }
}
