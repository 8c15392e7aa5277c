// System errors a connection fails with, as a person would put them.
const systemCauses: Record<string, string> = {
  ECONNREFUSED: "nothing listens there (is Postgres running, on that port?)",
  ENOTFOUND: "the host name does not resolve",
  EAI_AGAIN: "the host name could not be resolved (DNS did not answer)",
  ETIMEDOUT: "no answer (a firewall, or the wrong address)",
  CONNECT_TIMEOUT: "no answer (a firewall, or the wrong address)",
  EHOSTUNREACH: "the host is unreachable",
  ENETUNREACH: "the network is unreachable",
  ECONNRESET: "the connection was closed (TLS required, or not a Postgres server)",
};

// Postgres's own refusals (SQLSTATE), with what to check.
const postgresCauses: Record<string, string> = {
  "28P01": "the password was refused; check the user and password in DATABASE_URL",
  "28000": "this user may not connect from here (pg_hba.conf)",
  "3D000": "the database does not exist; create it (createdb) or fix its name in DATABASE_URL",
  "57P03": "the server is starting up or shutting down; try again in a moment",
  "53300": "the server has no free connection slot",
};

type ErrorLike = { code?: unknown; message?: unknown; cause?: unknown };

function causes(error: unknown): ErrorLike[] {
  const chain: ErrorLike[] = [];
  for (let current = error; current && typeof current === "object" && chain.length < 10; ) {
    chain.push(current as ErrorLike);
    current = (current as ErrorLike).cause;
  }
  return chain;
}

/**
 * A failure to use DATABASE_URL's Postgres, in words that say what failed: the host and
 * port (never the password), the system error or Postgres's refusal, and what to check.
 * Null when the error is none of those (the caller shows it as it is).
 */
export function describeDatabaseError(error: unknown, url: string | undefined): string | null {
  if (!url) return null;
  let where = "the database in DATABASE_URL";
  try {
    const parsed = new URL(url);
    where = `the database at ${parsed.hostname || "localhost"}:${parsed.port || "5432"}${parsed.pathname.length > 1 ? ` (${decodeURIComponent(parsed.pathname.slice(1))})` : ""}`;
  } catch {
    // An unparsable URL is refused at start-up; keep the generic words.
  }
  for (const cause of causes(error)) {
    const code = typeof cause.code === "string" ? cause.code : "";
    const message = typeof cause.message === "string" ? cause.message : code;
    const withCode = message.includes(code) ? message : `${message} (${code})`;
    if (systemCauses[code]) return `Cannot reach ${where}: ${withCode}: ${systemCauses[code]}.`;
    if (postgresCauses[code])
      return `${where[0]!.toUpperCase()}${where.slice(1)} refused the connection: ${withCode}: ${postgresCauses[code]}.`;
  }
  return null;
}
