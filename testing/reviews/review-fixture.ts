import { generateKeyPairSync, randomBytes } from "node:crypto";
import path from "node:path";

// A pull request with something for every part of a review, in realistic formats: secrets
// that secretlint's rules recognise (generated at test time, never committed), a dependency
// downgraded to a version the fixture OSV directory lists, and a function whose complexity
// rises past the default threshold of 10.

export const ADVISORY_FIXTURE_DIR = path.join(import.meta.dirname, "osv");

const alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const randomText = (length: number, alphabet = alphanumeric) =>
  Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join("");

export type PlantedSecrets = { github: string; slack: string; awsSecret: string; privateKey: string };

export function plantedSecrets(): PlantedSecrets {
  const { privateKey } = generateKeyPairSync("rsa", {
    modulusLength: 1024,
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  });
  return {
    github: `ghp_${randomText(36)}`,
    slack: `xoxb-${randomText(12, "0123456789")}-${randomText(13, "0123456789")}-${randomText(24)}`,
    awsSecret: randomText(40),
    privateKey,
  };
}

const simplePrice = `export function price(items: { cents: number; quantity: number }[]): number {
  let total = 0;
  for (const item of items) total += item.cents * item.quantity;
  return total;
}
`;

// Twelve decision points more than simplePrice: complexity 14 after, 2 before.
const complexPrice = `export function price(items: { cents: number; quantity: number; kind?: string }[], coupon?: string): number {
  let total = 0;
  for (const item of items) {
    if (item.quantity <= 0) continue;
    if (item.kind === "gift" && coupon) total += 0;
    else if (item.kind === "bulk" || item.quantity > 100) total += item.cents * item.quantity * 0.9;
    else if (item.kind === "sale") total += item.cents * item.quantity * 0.5;
    else total += item.cents * item.quantity;
  }
  if (coupon === "HALF") total = total / 2;
  else if (coupon === "TENOFF" && total > 1000) total -= 1000;
  else if (coupon?.startsWith("PCT") && total > 0) total = total * 0.9;
  return total > 0 ? Math.round(total) : 0;
}
`;

const packageJson = (lodash: string) =>
  `${JSON.stringify({ name: "shop", version: "1.0.0", type: "module", dependencies: { lodash } }, null, 2)}\n`;

const packageLock = (lodash: string) =>
  `${JSON.stringify(
    {
      name: "shop",
      version: "1.0.0",
      lockfileVersion: 3,
      requires: true,
      packages: {
        "": { name: "shop", version: "1.0.0", dependencies: { lodash } },
        "node_modules/lodash": {
          version: lodash,
          resolved: `https://registry.npmjs.org/lodash/-/lodash-${lodash}.tgz`,
          license: "MIT",
        },
      },
    },
    null,
    2,
  )}\n`;

/** The base branch's files. */
export function baseFiles(): Record<string, string> {
  return {
    "README.md": "# shop\n",
    "src/cart.ts": `// The cart's arithmetic.\n${simplePrice}`,
    "package.json": packageJson("4.17.21"),
    "package-lock.json": packageLock("4.17.21"),
  };
}

/** The PR's first commit: every kind of finding. */
export function findingFiles(secrets: PlantedSecrets): Record<string, string> {
  return {
    "src/cart.ts": `// The cart's arithmetic.\n${complexPrice}`,
    "src/config.ts": [
      "// Settings of the shop's integrations.",
      `export const githubToken = "${secrets.github}";`,
      `export const slackToken = "${secrets.slack}";`,
      'export const region = "eu-west-1";',
      "",
    ].join("\n"),
    ".env.production": `AWS_ACCESS_KEY_ID=AKIA${randomText(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")}\nAWS_SECRET_ACCESS_KEY=${secrets.awsSecret}\n`,
    "deploy/id_rsa": secrets.privateKey,
    "package.json": packageJson("4.17.15"),
    "package-lock.json": packageLock("4.17.15"),
  };
}

/** The PR's second commit: the GitHub token is read from the environment instead; the rest stays. */
export function fixOneFiles(secrets: PlantedSecrets): Record<string, string> {
  return {
    "src/config.ts": [
      "// Settings of the shop's integrations.",
      'export const githubToken = process.env.GITHUB_TOKEN ?? "";',
      `export const slackToken = "${secrets.slack}";`,
      'export const region = "eu-west-1";',
      "",
    ].join("\n"),
  };
}

/** Where the fixture's findings are (1-based lines of the PR's first commit). */
export const FINDING_LINES = {
  github: { path: "src/config.ts", line: 2 },
  slack: { path: "src/config.ts", line: 3 },
  aws: { path: ".env.production", line: 2 },
  privateKey: { path: "deploy/id_rsa", line: 1 },
  complexity: { path: "src/cart.ts", line: 2 },
  lodash: { path: "package-lock.json" },
} as const;
