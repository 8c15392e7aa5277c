import path from "node:path";
import nextEnv from "@next/env";
import { EnvError, parseEnv } from "@/lib/platform/env-schema";

// `npm run agents:install [-- codex claude-code ...]`: installs the CLI coding agents from
// the npm registry, at their pinned versions, into Mergeline's tools directory
// (MERGELINE_AGENT_TOOLS_DIR, default <data dir>/agent-tools), so that no run waits for an
// install. Without names, all of them. Prints one line per agent; exits 1 if one failed.

const root = path.resolve(import.meta.dirname, "..");
nextEnv.loadEnvConfig(root, false, { info: () => {}, error: (...args) => process.stderr.write(`${args.join(" ")}\n`) });
try {
  parseEnv(process.env);
} catch (error) {
  if (error instanceof EnvError) {
    process.stderr.write(`agents:install: ${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
// After the environment is checked: these modules read it.
const { cliAgentSpecs } = await import("@/lib/agents/backends/cli-agent-specs");
const { agentToolsDir, ensureCliAgent } = await import("@/lib/agents/backends/install-cli-agent");

const known = Object.keys(cliAgentSpecs) as (keyof typeof cliAgentSpecs)[];
const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !known.includes(name as (typeof known)[number]));
if (unknown.length > 0) {
  process.stderr.write(`agents:install: unknown agent ${unknown.join(", ")}; known: ${known.join(", ")}\n`);
  process.exit(1);
}
const names = asked.length > 0 ? (asked as typeof known) : known;
let failed = false;
process.stdout.write(`Installing into ${agentToolsDir()}\n`);
for (const name of names) {
  const spec = cliAgentSpecs[name];
  const started = performance.now();
  try {
    const installed = await ensureCliAgent(spec);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    process.stdout.write(
      `${name.padEnd(12)} ${spec.packageName}@${spec.version}  ${installed.binPath}  (${seconds} s)\n`,
    );
  } catch (error) {
    failed = true;
    process.stdout.write(`${name.padEnd(12)} failed: ${error instanceof Error ? error.message : String(error)}\n`);
  }
}
process.exit(failed ? 1 : 0);
