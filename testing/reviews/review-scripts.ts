import fs from "node:fs";
import path from "node:path";
import type { PlantedSecrets } from "@/testing/reviews/review-fixture";

// A scripted run on the demo cart whose attempts keep failing the review: attempt 1 plants
// secrets (GitHub, Slack, AWS, a private key), downgrades lodash to a version the fixture OSV
// directory lists and makes addItem too complex; attempt 2 fixes only the GitHub token;
// attempts 3 and 4 leave the rest. The scripted reviewer finds one problem in the diff and one
// outside it (dropped).

const cartSource = fs.readFileSync(path.resolve(import.meta.dirname, "../../lib/demo/template/src/cart.js"), "utf8");

const simpleAddItem = `  if (!Number.isInteger(quantity) || quantity < 1) throw new RangeError("quantity must be a positive integer");
  const existing = cart.find((line) => line.sku === item.sku);
  if (existing) {
`;
// Cyclomatic complexity 4 before, 14 after: past the default threshold of 10.
const complexAddItem = `  if (!Number.isInteger(quantity) || quantity < 1) throw new RangeError("quantity must be a positive integer");
  if (!item || typeof item.sku !== "string" || item.sku === "") throw new TypeError("an item needs a sku");
  if (item.priceCents !== undefined && (!Number.isInteger(item.priceCents) || item.priceCents < 0))
    throw new RangeError("price must be a non-negative integer of cents");
  if (quantity > 1000 && !item.bulk) throw new RangeError("at most 1000 of an item");
  const existing = cart.find((line) => line.sku === item.sku);
  if (existing) {
    if (existing.quantity + quantity > 1000 && !item.bulk) throw new RangeError("at most 1000 of an item");
`;

export const complexCart = cartSource.replace(simpleAddItem, complexAddItem);

/** Where the review's findings of attempt 1 are. */
export const REVIEW_LINES = {
  github: { path: "src/config.js", line: 2 },
  slack: { path: "src/config.js", line: 3 },
  aws: { path: ".env.production", line: 2 },
  privateKey: { path: "deploy/id_rsa", line: 1 },
  complexity: { path: "src/cart.js", line: 3 },
  ai: { path: "src/cart.js", line: 5 },
} as const;

export const basePackageJson = (lodash: string) =>
  `${JSON.stringify(
    {
      name: "demo-cart",
      version: "1.0.0",
      private: true,
      type: "module",
      scripts: { test: "node --test", start: "node server.js" },
      dependencies: { lodash },
    },
    null,
    2,
  )}\n`;

const config = (secrets: PlantedSecrets, withGitHub: boolean) =>
  [
    "// Settings of the shop's integrations.",
    withGitHub
      ? `export const githubToken = "${secrets.github}";`
      : "export const githubToken = process.env.GITHUB_TOKEN;",
    `export const slackToken = "${secrets.slack}";`,
    'export const region = "eu-west-1";',
    "",
  ].join("\n");

const write = (file: string, content: string) => ({ toolName: "write_file", input: { path: file, content } });

function everything(secrets: PlantedSecrets, withGitHub: boolean) {
  return [
    write("src/config.js", config(secrets, withGitHub)),
    write(".env.production", `AWS_ACCESS_KEY_ID=AKIAQ3EGRKXBZ5W7NOP2\nAWS_SECRET_ACCESS_KEY=${secrets.awsSecret}\n`),
    write("deploy/id_rsa", secrets.privateKey),
    write("src/cart.js", complexCart),
    write("package.json", basePackageJson("4.17.15")),
  ];
}

export const REVIEW_PLAN = {
  summary: "Configure the shop's integrations and validate items added to the cart.",
  steps: [
    { title: "Add the integrations' settings in src/config.js" },
    { title: "Validate items in addItem", detail: "sku, price and quantity limits" },
    { title: "Document the deployment key rotation in the README" },
  ],
  files: ["src/config.js", "src/cart.js", "README.md"],
  acceptanceChecks: [{ description: "addItem validates the quantity of an item", test: "npm test" }],
};

const aiFinding = {
  path: REVIEW_LINES.ai.path,
  line: REVIEW_LINES.ai.line,
  severity: "medium",
  title: "The limit of 1000 items is repeated",
  message: "The same limit is written twice in addItem; the two can drift apart.",
  suggestion: "Name it once: const MAX_QUANTITY = 1000.",
};
const outsideDiff = {
  path: "README.md",
  line: 1,
  severity: "low",
  title: "The README does not mention the configuration",
  message: "Nothing in the diff is here.",
  suggestion: "Describe src/config.js.",
};

export function reviewRunScript(secrets: PlantedSecrets) {
  return {
    name: "review findings",
    plan: [{ object: REVIEW_PLAN }],
    code: [
      [{ toolCalls: everything(secrets, true) }, { text: "Added the integrations' settings and validated addItem." }],
      [
        { toolCalls: [write("src/config.js", config(secrets, false))] },
        { text: "The GitHub token is read from the environment." },
      ],
      [{ toolCalls: everything(secrets, false) }, { text: "Rewrote the settings another way." }],
      [{ toolCalls: [write("src/config.js", config(secrets, false))] }, { text: "Kept to the acceptance checks." }],
    ],
    review: [[{ object: { findings: [aiFinding, outsideDiff] } }]],
  };
}
