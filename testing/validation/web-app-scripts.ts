import fs from "node:fs";
import path from "node:path";

// Scripted-model scripts for the fixture web app (fixtures/web-app).

export const webAppFixture = path.resolve(import.meta.dirname, "fixtures/web-app");

const appSource = fs.readFileSync(path.join(webAppFixture, "src/app.js"), "utf8");

/** The page script with a typo in the element id: the page throws in the browser, the tests still pass. */
export const throwingApp = appSource.replace('getElementById("greeting")', 'getElementById("greting")');
/** The page script as it should be. */
export const workingApp = appSource.replace("// Runs in the browser", "// Runs in the browser (fixed)");

const plan = {
  object: {
    summary: "Tidy the page script that fills in the greeting.",
    steps: [{ title: "Edit src/app.js" }, { title: "Run the tests and check the page" }],
    files: ["src/app.js"],
    acceptanceChecks: [
      { description: "The greeting logic still passes its tests", test: "greets by name" },
      { description: "The home page loads without errors", page: "/" },
      { description: "Only the page script changes" },
    ],
  },
};

const write = (content: string) => ({
  toolCalls: [{ toolName: "write_file", input: { path: "src/app.js", content } }],
});

/** Attempt 1 makes the page throw in the browser; attempt 2 fixes it. The judge accepts what it is shown. */
export const throwThenFixScript = {
  name: "web app: browser error then fix",
  plan: [plan],
  code: [
    [write(throwingApp), { text: "Tidied the page script." }],
    [write(workingApp), { text: "Fixed the element id the page script looks up." }],
  ],
  judge: [
    {
      object: {
        passed: true,
        reason: "Scripted judge: the diff and the validation evidence are taken to meet the check.",
      },
    },
  ],
};
