import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from "node:crypto";

// Passwords are stored as PHC-style strings carrying their own parameters,
// `$scrypt$ln=15,r=8,p=1$<salt>$<hash>` (base64), so the cost can be raised later without
// breaking existing hashes.

const COST_LOG2 = 15;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
// scrypt needs 128 * N * r bytes (32 MiB here) plus a little, and Node's default cap is
// exactly 32 MiB, so allow twice that. A stored hash asking for more is refused, not computed.
const MAX_MEMORY = 64 * 1024 * 1024;

const pattern = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;

function derive(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize("NFKC"), salt, keyLength, { ...options, maxmem: MAX_MEMORY }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** Hashes a password with scrypt (N=2^15, r=8, p=1) and a random 16-byte salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, KEY_BYTES, { N: 2 ** COST_LOG2, r: BLOCK_SIZE, p: PARALLELISM });
  return `$scrypt$ln=${COST_LOG2},r=${BLOCK_SIZE},p=${PARALLELISM}$${salt.toString("base64")}$${key.toString("base64")}`;
}

/** Whether `password` matches `encoded`; false for a malformed or out-of-bounds hash. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const match = pattern.exec(encoded);
  if (!match) return false;
  const [costLog2, blockSize, parallelism] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (
    costLog2 < 10 ||
    blockSize < 1 ||
    parallelism < 1 ||
    parallelism > 16 ||
    128 * 2 ** costLog2 * blockSize > MAX_MEMORY / 2
  )
    return false;
  const salt = Buffer.from(match[4]!, "base64");
  const expected = Buffer.from(match[5]!, "base64");
  if (expected.length < 16) return false;
  const actual = await derive(password, salt, expected.length, { N: 2 ** costLog2, r: blockSize, p: parallelism });
  return timingSafeEqual(actual, expected);
}

let decoy: Promise<string> | undefined;

/**
 * Spends the same time as checking a real password. Called when the email is unknown (or
 * has no password), so response times do not tell which emails have accounts.
 */
export async function verifyDecoyPassword(password: string): Promise<false> {
  decoy ??= hashPassword(randomBytes(16).toString("hex"));
  await verifyPassword(password, await decoy);
  return false;
}
