// The layer directions of DESIGN.md ("Layout"), enforced in CI (`npm run lint:deps`).
//
// lib/ is a stack of layers. A folder may import folders of lower layers only: never one
// of its own layer, never one above. So no two lib folders can import each other, and a
// newcomer reads the list below as the map of lib/, from the bottom up. A new folder goes
// into the layer that matches what it imports; a folder missing from the list fails CI.
// Tests (*.test.ts) may reach across layers to set up what they test.
const layers = [
  ["platform"], // env, logger, errors, metrics, http, realtime publish, concurrency
  ["instances"], // this app instance's name, the command channel between instances on one database
  ["inngest", "sandbox", "workspaces"], // typed events and client; confined commands; mirrors and working copies
  ["secrets", "ai", "rate-limit", "health", "git-provider"], // leaf domains; models; git hosts
  ["auth", "code-index"], // sign-in and sessions; the code index (tree-sitter, search, its sync)
  ["audit"],
  ["api-keys", "teams", "projects", "preview-proxy"], // preview-proxy: previews and studio apps by host name
  ["demo", "runs"], // the run record: create, transition, load, budget, decisions
  // coding agents, tools, prompts; status to GitHub or the local provider; notifications to
  // people (webhooks, Slack, email); insights (daily rollups)
  ["agents", "reporting", "notifications", "insights"],
  // PR reviews: diff metadata, complexity, dependencies, secrets, advisories, the AI review against the
  // plan, merge gates (posting them to the git host is lib/reporting's, from the stored review)
  ["reviews"],
  ["validation"], // commands, setup cache, previews, browser checks, acceptance, evidence
  ["pipeline", "studio"], // the steps of a run: plan, code attempt, merge; studio sessions
  ["intake"], // GitHub webhooks and triggers, tasks
  ["api"], // the REST framework: routes, auth, schemas, OpenAPI
  ["mcp", "chat"], // the MCP server (its tools call the REST API); chat with a project
];

const known = layers.flat();
const group = (names) => `(${names.join("|")})`;
const notTest = "\\.test\\.tsx?$";

const layerRules = layers.map((names, level) => ({
  name: `lib-layer-${names.join("+")}`,
  severity: "error",
  comment: `lib/${names.join(", lib/")} may import only lower layers (${known.slice(0, known.indexOf(names[0])).join(", ") || "none"})`,
  from: { path: `^lib/${group(names)}/`, pathNot: notTest },
  to: {
    path: "^lib/([^/]+)/",
    pathNot: [`^lib/$1/`, ...(level > 0 ? [`^lib/${group(layers.slice(0, level).flat())}/`] : [])],
  },
}));

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: "lib-folder-in-a-layer",
      severity: "error",
      comment: "every lib folder is placed in a layer of .dependency-cruiser.cjs (files go in folders)",
      from: {},
      to: { path: "^lib/", pathNot: `^lib/${group(known)}/` },
    },
    {
      name: "lib-is-below-the-entry-points",
      severity: "error",
      comment: "lib never imports app/, components/, inngest/ (functions and engine), scripts/ or realtime/ internals",
      from: { path: "^lib/" },
      to: { path: "^(app|components|inngest|scripts)/|^realtime/(?!contract\\.ts$)" },
    },
    {
      name: "db-is-below-lib",
      severity: "error",
      comment: "db/ (schema, queries, migrations) imports only lib/platform",
      from: { path: "^db/", pathNot: notTest },
      to: { path: "^(lib/(?!platform/)|app|components|inngest|scripts|realtime)" },
    },
    {
      name: "components-take-props",
      severity: "error",
      comment: "components get data and actions as props: they never import app/ (its server actions included)",
      from: { path: "^components/" },
      to: { path: "^app/" },
    },
    {
      name: "components-no-database-values",
      severity: "error",
      comment: "components may name the database's types, never read it",
      from: { path: "^components/" },
      to: { path: "^db/", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "functions-use-lib",
      severity: "error",
      comment:
        "Inngest functions are workflows over lib/ and db/, not over routes or UI (a test may enter through a route)",
      from: { path: "^inngest/", pathNot: notTest },
      to: { path: "^(app|components)/" },
    },
    {
      name: "realtime-shares-only-its-contract",
      severity: "error",
      comment: "the sidecar shares only realtime/contract.ts with the app (and the parent watcher with the launcher)",
      from: { path: "^realtime/", pathNot: notTest },
      to: { path: "^(app|components|lib|db|inngest)/" },
    },
    {
      name: "testing-only-in-tests",
      severity: "error",
      comment: "testing/ holds test-only servers and fixtures: only tests, e2e and benchmarks use them",
      from: { path: "^(app|components|lib|db|inngest|realtime|scripts)/", pathNot: notTest },
      to: { path: "^testing/|\\.test\\.tsx?$" },
    },
    {
      name: "no-circular",
      severity: "error",
      comment:
        "modules that import each other (type-only imports aside) load in an order that depends on who asks first",
      from: { pathNot: notTest },
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
  ],
  options: {
    // TypeScript 7 has no JavaScript API for dependency-cruiser's default parser: swc reads the sources.
    parser: "swc",
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(node_modules|\\.next|\\.data)/|^lib/demo/template/|/fixtures/" },
    enhancedResolveOptions: { extensions: [".ts", ".tsx", ".js", ".mjs", ".json"] },
  },
};
