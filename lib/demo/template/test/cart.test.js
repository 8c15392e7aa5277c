import assert from "node:assert/strict";
import { test } from "node:test";
import { addItem, formatPrice, total } from "../src/cart.js";

const apple = { sku: "apple", name: "Apple", priceCents: 120 };
const pear = { sku: "pear", name: "Pear", priceCents: 250 };

test("adding an item twice increases its quantity", () => {
  const cart = addItem(addItem([], apple), apple, 2);
  assert.deepEqual(cart, [{ ...apple, quantity: 3 }]);
});

test("total sums every line", () => {
  assert.equal(total(addItem(addItem([], apple, 2), pear)), 490);
});

test("a discount is applied and rounded", () => {
  assert.equal(total(addItem([], pear), 10), 225);
  assert.throws(() => total([], 150), RangeError);
});

test("prices are formatted with their currency", () => {
  assert.equal(formatPrice(490), "€4.90");
});
