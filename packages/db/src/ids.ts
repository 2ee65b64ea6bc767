import { randomBytes } from "node:crypto";

/**
 * No `r` (and no `s`/`k`, for good measure): Shiprocket's panel refuses webhook URLs containing
 * `sr` or `kr` anywhere, and account ids and tokens end up in those URLs.
 * 32 symbols, so each random byte maps without bias (256 % 32 === 0).
 */
const URL_SAFE_ALPHABET = "0123456789abcdefghijmnopqtuvwxyz";

// Random bytes drawn in blocks: one system call per ~200 ids instead of one per id (ids are made on every
// webhook, scan and notification).
const POOL_SIZE = 4096;
let pool = randomBytes(POOL_SIZE);
let poolOffset = 0;

/** `length` random symbols: 5 bits of entropy each. */
export function createRandomId(length: number): string {
  if (length > POOL_SIZE) throw new RangeError(`ids are at most ${POOL_SIZE} characters`);
  if (poolOffset + length > POOL_SIZE) {
    pool = randomBytes(POOL_SIZE);
    poolOffset = 0;
  }
  let id = "";
  for (let i = 0; i < length; i++) {
    id += URL_SAFE_ALPHABET[(pool[poolOffset + i] as number) % URL_SAFE_ALPHABET.length];
  }
  poolOffset += length;
  return id;
}

/** Nine symbols of milliseconds last until the year 3084. */
const TIME_SYMBOLS = 9;
const RANDOM_SYMBOLS = 11;

/**
 * A row id: the creation time in milliseconds, then 55 random bits. Ids made later sort later, so every
 * insert appends to its table's primary-key index instead of dirtying a random page of it (on the webhook
 * and sync hot paths, that was a quarter of the commit's work). Not a secret: use `createSecretToken`.
 */
export function createId(): string {
  return fixedWidthSymbols(Date.now(), TIME_SYMBOLS) + createRandomId(RANDOM_SYMBOLS);
}

/** `n` in base 32 over the id alphabet, zero-padded to `width`: strings of one width sort like their numbers. */
function fixedWidthSymbols(n: number, width: number): string {
  let rest = n;
  let symbols = "";
  for (let i = 0; i < width; i++) {
    symbols = URL_SAFE_ALPHABET[rest % 32] + symbols;
    rest = Math.floor(rest / 32);
  }
  return symbols;
}

/**
 * Ids that sort in creation order (prefix + fixed-width counter, same alphabet): bulk inserts then
 * append to the primary-key index instead of scattering across it.
 */
export function createSequentialIds(prefixLength = 8): () => string {
  const prefix = createRandomId(prefixLength);
  let next = 0;
  return () => prefix + fixedWidthSymbols(next++, 12);
}

/** 40 symbols × 5 bits = 200 bits of entropy, none of it guessable from the time. */
export function createSecretToken(): string {
  return createRandomId(40);
}

export function formatOrderNumber(year: number, sequence: number): string {
  return `WB-${year}-${String(sequence).padStart(6, "0")}`;
}
