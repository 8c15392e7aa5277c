const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;

/**
 * Counts the items of a JSON array as its bytes stream in (a body that is not an array
 * counts as one item), by scanning for top-level commas instead of parsing: the
 * benchmark's event intake counts batches of large events this way, so that it takes
 * little of the machine the server under test runs on. The body is trusted to be JSON;
 * only the counting is exact.
 */
export function createJsonArrayItemCounter() {
  let started = false;
  let array = false;
  let done = false;
  let depth = 0;
  let commas = 0;
  let empty = true;
  let inString = false;
  // Backslashes just before the end of the last chunk, inside a string.
  let trailingBackslashes = 0;

  const push = (chunk: Buffer) => {
    let index = 0;
    if (!started) {
      while (index < chunk.length && (chunk[index] === 0x20 || chunk[index] === 0x0a || chunk[index] === 0x0d || chunk[index] === 0x09)) index++;
      if (index === chunk.length) return;
      started = true;
      array = chunk[index] === OPEN_ARRAY;
      done = !array;
      index++;
    }
    if (done) return;
    // The state in locals while scanning (closure variables are slower), stored back after.
    let [level, separators, none, quoted] = [depth, commas, empty, inString];
    scan: for (; index < chunk.length; index++) {
      if (quoted) {
        const quote = chunk.indexOf(QUOTE, index);
        if (quote === -1) {
          let backslashes = 0;
          while (backslashes < chunk.length - index && chunk[chunk.length - 1 - backslashes] === BACKSLASH) backslashes++;
          trailingBackslashes = backslashes === chunk.length - index ? trailingBackslashes + backslashes : backslashes;
          break;
        }
        let backslashes = 0;
        while (quote - 1 - backslashes >= index && chunk[quote - 1 - backslashes] === BACKSLASH) backslashes++;
        if (quote - backslashes === index) backslashes += trailingBackslashes;
        trailingBackslashes = 0;
        index = quote;
        if (backslashes % 2 === 0) quoted = false;
        continue;
      }
      switch (chunk[index]) {
        case QUOTE:
          quoted = true;
          trailingBackslashes = 0;
          break;
        case OPEN_ARRAY:
        case OPEN_OBJECT:
          level++;
          break;
        case CLOSE_ARRAY:
        case CLOSE_OBJECT:
          if (level === 0) {
            done = true;
            break scan;
          }
          level--;
          break;
        case COMMA:
          if (level === 0) separators++;
          break;
        case 0x20:
        case 0x0a:
        case 0x0d:
        case 0x09:
          continue;
      }
      none = false;
    }
    [depth, commas, empty, inString] = [level, separators, none, quoted];
  };

  return {
    push,
    /** The items counted: throws if the body ended inside a string. */
    count: (): number => {
      if (inString) throw new Error("unterminated string");
      if (!array) return 1;
      return empty ? 0 : commas + 1;
    },
  };
}

/** createJsonArrayItemCounter over a whole body. */
export function countJsonArrayItems(body: Buffer): number {
  const counter = createJsonArrayItemCounter();
  counter.push(body);
  return counter.count();
}
