/**
 * What a person should be told about one line a process printed, or null: pino lines at
 * error level and above (their message and error), and any line that is not pino's JSON on
 * a process's stderr (Node's own crash output). Everything else is for the log file only.
 */
export function problemOfLogLine(line: string, stream: "stdout" | "stderr"): string | null {
  const text = line.trim();
  if (!text) return null;
  if (text.startsWith("{")) {
    try {
      const entry = JSON.parse(text) as { level?: number; msg?: string; reason?: string; err?: { message?: string } };
      if (typeof entry.level === "number") {
        if (entry.level < 50) return null;
        // A `reason` is the error said for people; the error's own message otherwise.
        const cause = entry.reason ?? entry.err?.message;
        return cause && cause !== entry.msg ? `${entry.msg ?? "error"}: ${cause}` : (entry.msg ?? "error");
      }
    } catch {
      // Not JSON after all: judged as plain text below.
    }
  }
  return stream === "stderr" ? text : null;
}
