import { createHash } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

// For tests: an OpenAI-compatible `/embeddings` endpoint on 127.0.0.1 whose vectors are a
// deterministic stand-in for a real model's (no weights can be fetched here): each word's
// character trigrams hashed into `dimensions` buckets, normalized. Texts sharing words or
// near-spellings are close, so a misspelt query still finds its code, as with a real model.

function hashed(text: string, dimensions: number): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
    const padded = `#${word}#`;
    for (let i = 0; i + 3 <= padded.length; i++) {
      const digest = createHash("md5")
        .update(padded.slice(i, i + 3))
        .digest();
      vector[digest.readUInt32LE(0) % dimensions]! += 1;
    }
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((value) => value / norm);
}

export async function startFakeEmbeddingsServer({ dimensions = 256 }: { dimensions?: number } = {}) {
  const requests: { model: string; inputs: number }[] = [];
  const server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString()));
    req.on("end", () => {
      if (req.method !== "POST" || !req.url?.endsWith("/embeddings")) {
        res
          .writeHead(404, { "content-type": "application/json" })
          .end(JSON.stringify({ error: { message: "not found" } }));
        return;
      }
      const body = JSON.parse(raw) as { model: string; input: string | string[] };
      const inputs = Array.isArray(body.input) ? body.input : [body.input];
      requests.push({ model: body.model, inputs: inputs.length });
      const tokens = inputs.reduce((sum, input) => sum + Math.ceil(input.length / 4), 0);
      res.writeHead(200, { "content-type": "application/json" }).end(
        JSON.stringify({
          object: "list",
          data: inputs.map((input, index) => ({ object: "embedding", index, embedding: hashed(input, dimensions) })),
          model: body.model,
          usage: { prompt_tokens: tokens, total_tokens: tokens },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
