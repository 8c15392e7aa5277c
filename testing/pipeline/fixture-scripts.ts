import fs from "node:fs";
import path from "node:path";

// Scripts for the scripted model in pipeline tests, built on the demo-cart repository.

const cartSource = fs.readFileSync(path.resolve(import.meta.dirname, "../../lib/demo/template/src/cart.js"), "utf8");

/** total() that ignores the discount: breaks the test "a discount is applied and rounded". */
export const brokenCart = cartSource.replace(
  "return Math.round(gross * (1 - discountPercent / 100));",
  "return gross;",
);
export const fixedCart = `${cartSource}\n/** Number of items in the cart. */\nexport function itemCount(cart) {\n  return cart.reduce((sum, line) => sum + line.quantity, 0);\n}\n`;

const plan = {
  object: {
    summary: "Add itemCount(cart) to the cart library.",
    steps: [{ title: "Add itemCount to src/cart.js" }, { title: "Run the tests" }],
    files: ["src/cart.js"],
    acceptanceChecks: [{ description: "The existing cart tests still pass", test: "npm test" }],
  },
};

const write = (content: string, delayMs = 0) => ({
  ...(delayMs ? { delayMs } : {}),
  toolCalls: [{ toolName: "write_file", input: { path: "src/cart.js", content } }],
});

/** Attempt 1 breaks the tests (slowly, so a test can kill the engine meanwhile); attempt 2 fixes them. */
export const breakThenFixScript = {
  name: "break then fix",
  plan: [plan],
  code: [
    [write(brokenCart, 2500), { text: "Added itemCount." }],
    [write(fixedCart), { text: "Restored the discount in total()." }],
  ],
};

/** Every attempt leaves the tests failing. */
export const neverPassesScript = {
  name: "never passes",
  plan: [plan],
  code: [[write(brokenCart), { text: "Added itemCount." }]],
};
