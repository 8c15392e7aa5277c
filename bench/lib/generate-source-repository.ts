import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { type SourceLanguage, type SourceSpec, sourceFile } from "./source-file";

// A git repository of a service codebase for the code-index benchmark: `files` source files
// (40% TypeScript, 20% JavaScript, 20% Python, 20% Go) laid out as a monorepo is, plus a
// README and package.json, in one commit on main. Deterministic: the same seed, the same tree.

const domains = ["billing", "orders", "users", "inventory", "shipping", "auth", "notifications", "analytics"];
const moreDomains = ["catalog", "payments", "reports", "search", "ledger", "support", "pricing", "webhooks"];
const nouns = ["invoice", "order", "customer", "cart", "product", "session", "token", "carrier", "payment"];
const moreNouns = ["refund", "shipment", "coupon", "report", "subscription", "account", "ledger", "webhook", "price"];
const roles = ["service", "repository", "handler", "store", "client", "validator", "scheduler", "importer"];
const verbs = ["create", "update", "delete", "find", "list", "validate", "parse", "format", "compute", "apply"];
const moreVerbs = ["sync", "load", "save", "fetch", "normalize", "merge", "reconcile", "schedule", "retry", "cancel"];
const fields = ["amount", "currency", "status", "email", "quantity", "total", "discount", "tax", "expiresAt"];
const moreFields = ["attempts", "balance", "createdAt", "region", "priority", "deliveredAt"];

const allDomains = [...domains, ...moreDomains];
const allNouns = [...nouns, ...moreNouns];
const allVerbs = [...verbs, ...moreVerbs];
const allFields = [...fields, ...moreFields];

/** mulberry32: a small seeded generator, so every run indexes the same repository. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const gitEnv = {
  ...process.env,
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_AUTHOR_NAME: "bench",
  GIT_AUTHOR_EMAIL: "bench@example.com",
  GIT_COMMITTER_NAME: "bench",
  GIT_COMMITTER_EMAIL: "bench@example.com",
};

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, {
    cwd,
    env: gitEnv,
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 1 << 28,
  }).toString();
}

function pathOf(spec: SourceSpec, slot: number): string {
  const kebab = `${spec.noun}-${spec.role}`;
  switch (spec.language) {
    case "typescript":
      return `packages/${spec.domain}/src/${spec.noun}s/${kebab}-${slot}.ts`;
    case "javascript":
      return `web/src/${spec.domain}/${spec.noun}s/${kebab}-${slot}.js`;
    case "python":
      return `services/py/app/${spec.domain}/${spec.noun}_${spec.role}_${slot}.py`;
    case "go":
      return `services/go/internal/${spec.domain}/${spec.noun}_${spec.role}_${slot}.go`;
  }
}

const languageAt = (i: number): SourceLanguage =>
  (["typescript", "typescript", "javascript", "python", "go"] as const)[i % 5]!;

/** Writes the repository under `dir` (which must not exist) and commits it; returns the files' paths. */
export function generateSourceRepository({
  dir,
  files,
  seed = 19,
}: {
  dir: string;
  files: number;
  seed?: number;
}): string[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  // Distinct picks: a class has no two methods of one name, a struct no two fields.
  const pickSome = <T>(list: readonly T[], count: number) => {
    const left = [...list];
    return Array.from({ length: count }, () => left.splice(Math.floor(next() * left.length), 1)[0]!);
  };
  fs.mkdirSync(dir, { recursive: true });
  git(dir, "init", "--quiet", "--initial-branch=main");
  const paths: string[] = [];
  for (let i = 0; i < files; i++) {
    const spec: SourceSpec = {
      language: languageAt(i),
      domain: pick(allDomains),
      noun: pick(allNouns),
      role: pick(roles),
      verbs: pickSome(allVerbs, 5),
      fields: pickSome(allFields, 3),
      variant: Math.floor(next() * 1000),
    };
    const file = pathOf(spec, i);
    fs.mkdirSync(path.join(dir, path.dirname(file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), sourceFile(spec));
    paths.push(file);
  }
  fs.writeFileSync(
    path.join(dir, "README.md"),
    `# bench-services\n\nThe ${allDomains.join(", ")} services: TypeScript packages, a JavaScript web app, Python and Go services.\n`,
  );
  fs.writeFileSync(
    path.join(dir, "package.json"),
    `${JSON.stringify({ name: "bench-services", private: true }, null, 2)}\n`,
  );
  git(dir, "add", "--all");
  git(dir, "commit", "--quiet", "-m", "Services");
  return paths;
}
