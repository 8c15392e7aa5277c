import type { Terminal } from "./terminal";

export type SignIn =
  /** A first start: the first admin's one-time link. */
  | { kind: "link"; email: string; link: string; expiresAt: string }
  /** A first start with MERGELINE_ADMIN_PASSWORD. */
  | { kind: "password"; email: string }
  /** Any later start. */
  | { kind: "existing" };

const when = (iso: string) =>
  `${new Date(iso).toLocaleString("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC`;

/**
 * The block that ends a start: where Mergeline answers, how to sign in, where the logs are
 * and how to stop it. The one place a first start's sign-in link is printed.
 */
export function readyBlock({
  terminal,
  url,
  signIn,
  logFile,
  pid,
}: {
  terminal: Pick<Terminal, "strong" | "dim">;
  url: string;
  signIn: SignIn;
  logFile: string | null;
  pid: number;
}): string[] {
  const row = (name: string, value: string) => `    ${name.padEnd(9)} ${value}`;
  const more = (value: string) => `    ${" ".repeat(9)} ${terminal.dim(value)}`;
  const lines = ["", `  ${terminal.strong(`Mergeline is ready at ${url}`)}`, ""];
  if (signIn.kind === "link") {
    lines.push(
      row("Sign in", signIn.link),
      more(`as ${signIn.email}: works once, until ${when(signIn.expiresAt)};`),
      more("then set a password under Account and password"),
    );
  } else if (signIn.kind === "password") {
    lines.push(row("Sign in", `${url}/signin as ${signIn.email}, with MERGELINE_ADMIN_PASSWORD`));
  } else {
    lines.push(
      row("Sign in", `${url}/signin`),
      more("no password and no link? npm run auth:sign-in-link prints a new one-time link"),
    );
  }
  if (logFile) lines.push(row("Logs", logFile));
  lines.push(row("Stop", `Ctrl-C here, or kill -TERM ${pid}`), "");
  return lines;
}
