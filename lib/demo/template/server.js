import { createServer } from "node:http";
import { addItem, formatPrice, total } from "./src/cart.js";

const cart = addItem(addItem([], { sku: "apple", name: "Apple", priceCents: 120 }, 2), {
  sku: "pear",
  name: "Pear",
  priceCents: 250,
});

const rows = cart
  .map((line) => `<tr><td>${line.name}</td><td>${line.quantity}</td><td>${formatPrice(line.priceCents * line.quantity)}</td></tr>`)
  .join("");
const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Demo cart</title></head>
<body><h1>Your cart</h1><table><thead><tr><th>Item</th><th>Qty</th><th>Price</th></tr></thead>
<tbody>${rows}</tbody></table><p id="total">Total: ${formatPrice(total(cart))}</p></body></html>`;

const port = Number(process.env.PORT ?? 8080);
createServer((req, res) => {
  if (req.url === "/" || req.url === "/index.html") {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page);
  } else {
    res.writeHead(404, { "content-type": "text/plain" }).end("not found");
  }
}).listen(port, "127.0.0.1", () => process.stdout.write(`demo-cart listening on ${port}\n`));
