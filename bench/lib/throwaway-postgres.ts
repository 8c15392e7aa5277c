import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export type ThrowawayPostgres = { url: string; stop: () => void };

/**
 * A Postgres cluster of its own in a temp dir on loopback (Debian's postgresql package),
 * as scripts/with-postgres.sh makes one: for benchmarks that need several processes on
 * one database (LISTEN/NOTIFY across them).
 */
export function startThrowawayPostgres(port: number): ThrowawayPostgres {
  const versions = fs.existsSync("/usr/lib/postgresql") ? fs.readdirSync("/usr/lib/postgresql").sort() : [];
  const bin = versions
    .map((version) => `/usr/lib/postgresql/${version}/bin`)
    .findLast((dir) => fs.existsSync(`${dir}/initdb`));
  if (!bin) throw new Error("no Postgres server binaries (apt-get install postgresql), or set DATABASE_URL");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-bench-pg-"));
  const root = process.getuid?.() === 0;
  // Postgres refuses to run as root: the cluster then belongs to the postgres user.
  const asOwner = (command: string, args: string[]) =>
    (root ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args]) as [string, string[]];
  if (root) execFileSync("chown", ["postgres", dir]);
  execFileSync(...asOwner(`${bin}/initdb`, ["-D", `${dir}/data`, "-U", "postgres", "--auth=trust", "-E", "UTF8"]), {
    stdio: "ignore",
  });
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c max_connections=200`;
  execFileSync(...asOwner(`${bin}/pg_ctl`, ["-D", `${dir}/data`, "-w", "-l", `${dir}/log`, "-o", options, "start"]), {
    stdio: "ignore",
  });
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => {
      spawnSync(...asOwner(`${bin}/pg_ctl`, ["-D", `${dir}/data`, "-m", "immediate", "stop"]), { stdio: "ignore" });
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
