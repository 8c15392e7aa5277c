import { formatDuration } from "./format-duration";

/** A step of the start-up: one line that ends with ✓ or ✗. */
export type Phase = {
  /** What it is doing now ("compiling", "waiting for the realtime sidecar"). */
  update: (detail: string) => void;
  done: (detail: string) => void;
  fail: (detail: string) => void;
};

export type Terminal = {
  /** A line of its own (the header, the ready block). */
  line: (text?: string) => void;
  /** Something a person should see, between or after the phases ("! the app exited"). */
  problem: (text: string) => void;
  phase: (name: string, detail: string) => Phase;
  /** Bold (on a terminal that shows it). */
  strong: (text: string) => string;
  /** Dimmed (on a terminal that shows it). */
  dim: (text: string) => string;
};

const NAME_WIDTH = 11;
const spinner = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/**
 * What `npm start` prints for a person: one line per phase with its outcome. On a terminal
 * the running phase is a live line (a spinner and the time so far, redrawn in place); into
 * a file or a pipe, a phase that takes more than `quietMs` prints its step then, again when
 * the step changes, and every `heartbeatMs` while nothing else did, so a log shows
 * progress without filling up.
 */
export function createTerminal({
  out,
  tty,
  color,
  heartbeatMs = 30_000,
  quietMs = 2_000,
  now = Date.now,
}: {
  out: NodeJS.WritableStream;
  tty: boolean;
  color: boolean;
  heartbeatMs?: number;
  quietMs?: number;
  now?: () => number;
}): Terminal {
  const paint = (code: string) => (text: string) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
  const green = paint("32");
  const red = paint("31");
  const yellow = paint("33");
  const strong = paint("1");
  const dim = paint("2");
  let live: { render: () => string } | null = null;

  const write = (text: string) => out.write(text);
  const clearLive = () => {
    if (live && tty) write("\r\x1b[2K");
  };
  const drawLive = () => {
    if (live && tty) write(live.render());
  };
  const printLine = (text: string) => {
    clearLive();
    write(`${text}\n`);
    drawLive();
  };
  const label = (name: string) => name.padEnd(NAME_WIDTH);

  return {
    line: (text = "") => printLine(text),
    problem: (text) => printLine(`  ${yellow("!")} ${text}`),
    strong,
    dim,
    phase(name, firstDetail) {
      const started = now();
      let detail = firstDetail;
      let frame = 0;
      let lastPrinted = started;
      let printedDetail = "";
      const elapsed = () => dim(`(${formatDuration(now() - started)})`);
      const running = () => `  ${spinner[frame % spinner.length]} ${label(name)} ${detail} ${elapsed()}`;
      const printProgress = () => {
        write(`  … ${label(name)} ${detail}${now() - started >= 1000 ? ` ${elapsed()}` : ""}\n`);
        lastPrinted = now();
        printedDetail = detail;
      };
      const state = { render: running };
      live = state;
      let printedOnce = false;
      const tick = () => {
        if (tty) return write(`\r\x1b[2K${running()}`);
        const quietFor = now() - started;
        if (quietFor < quietMs) return;
        if (!printedOnce || detail !== printedDetail || now() - lastPrinted >= heartbeatMs) {
          printedOnce = true;
          printProgress();
        }
      };
      const timer = setInterval(
        () => {
          frame++;
          tick();
        },
        tty ? 100 : Math.min(500, quietMs, heartbeatMs),
      );
      timer.unref();
      if (tty) write(running());
      const end = (mark: string, text: string) => {
        clearInterval(timer);
        if (live === state) live = null;
        if (tty) write("\r\x1b[2K");
        write(`  ${mark} ${label(name)} ${text}\n`);
      };
      return {
        update(next) {
          detail = next;
          tick();
        },
        done: (text) => end(green("✓"), text),
        fail: (text) => end(red("✗"), text),
      };
    },
  };
}
