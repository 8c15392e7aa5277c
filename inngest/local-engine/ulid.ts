import { randomBytes } from "node:crypto";

// ULIDs, as Inngest uses for event and run ids: sortable by time, 26 Crockford characters.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

function encode(value: bigint, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) {
    out = ALPHABET[Number(value & 31n)] + out;
    value >>= 5n;
  }
  return out;
}

/** A ULID for `timeMs`; `entropy` (10 bytes) makes it deterministic when given. */
export function ulid(timeMs: number, entropy: Buffer = randomBytes(10)): string {
  return encode(BigInt(Math.max(0, Math.floor(timeMs))), 10) + encode(BigInt(`0x${entropy.toString("hex")}`), 16);
}

/**
 * The ids of a batch sent with the SDK's `x-inngest-event-id-seed` ("<ms>,<base64 of 10
 * bytes>"): the SDK retries a failed send with the same seed, so a retried batch gets the
 * same ids and is recognised as already received. null when the seed is malformed.
 */
export function ulidsFromSeed(seed: string, count: number): string[] | null {
  const [ms, entropyBase64] = seed.split(",");
  const time = Number(ms);
  const entropy = Buffer.from(entropyBase64 ?? "", "base64");
  if (!Number.isFinite(time) || entropy.length !== 10) return null;
  const base = BigInt(`0x${entropy.toString("hex")}`);
  const max = (1n << 80n) - 1n;
  return Array.from({ length: count }, (_, index) => {
    const value = (base + BigInt(index)) & max;
    return ulid(time, Buffer.from(value.toString(16).padStart(20, "0"), "hex"));
  });
}
