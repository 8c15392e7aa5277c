/** Adds `quantity` of an item to a cart and returns the new cart; the input is not changed. */
export function addItem(cart, item, quantity = 1) {
  if (!Number.isInteger(quantity) || quantity < 1) throw new RangeError("quantity must be a positive integer");
  const existing = cart.find((line) => line.sku === item.sku);
  if (existing) {
    return cart.map((line) => (line.sku === item.sku ? { ...line, quantity: line.quantity + quantity } : line));
  }
  return [...cart, { sku: item.sku, name: item.name, priceCents: item.priceCents, quantity }];
}

/** Total in cents, with an optional percentage discount rounded to the nearest cent. */
export function total(cart, discountPercent = 0) {
  if (discountPercent < 0 || discountPercent > 100) throw new RangeError("discount must be between 0 and 100");
  const gross = cart.reduce((sum, line) => sum + line.priceCents * line.quantity, 0);
  return Math.round(gross * (1 - discountPercent / 100));
}

export function formatPrice(cents, currency = "EUR") {
  return new Intl.NumberFormat("en", { style: "currency", currency }).format(cents / 100);
}
