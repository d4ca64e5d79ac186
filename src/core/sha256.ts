import { MrvValidationError } from "./errors.js";
import { encodeUtf8 } from "./utf8.js";

/**
 * SHA-256 (FIPS 180-4), synchronous and in plain TypeScript so hashing works the same in Node and in
 * browsers (WebCrypto's digest is async-only) without a dependency.
 */

/** Round constants: first 32 bits of the fractional parts of the cube roots of the first 64 primes. */
const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

/** Initial hash value: first 32 bits of the fractional parts of the square roots of the first 8 primes. */
const H0 = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

const HEX: string[] = [];
for (let i = 0; i < 256; i++) HEX.push((i < 16 ? "0" : "") + i.toString(16));

/**
 * Compresses every whole 64-byte block of `data[offset, end)` into `state`; returns the offset after
 * the last block processed.
 */
function compress(state: Int32Array, w: Int32Array, data: Uint8Array, offset: number, end: number): number {
  // One call per block rather than one long loop: V8 then optimises `block` normally instead of via
  // on-stack replacement, which measured at less than half the speed on the first large input.
  for (; end - offset >= 64; offset += 64) block(state, w, data, offset);
  return offset;
}

/** One 64-byte block. 32-bit ints throughout (`| 0`) so V8 keeps the arithmetic in integer registers. */
function block(state: Int32Array, w: Int32Array, data: Uint8Array, offset: number): void {
  for (let t = 0; t < 16; t++, offset += 4) {
    w[t] = (data[offset]! << 24) | (data[offset + 1]! << 16) | (data[offset + 2]! << 8) | data[offset + 3]!;
  }
  for (let t = 16; t < 64; t++) {
    const x = w[t - 15]!;
    const y = w[t - 2]!;
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    w[t] = (s1 + w[t - 7]! + s0 + w[t - 16]!) | 0;
  }
  let a = state[0]!,
    b = state[1]!,
    c = state[2]!,
    d = state[3]!;
  let e = state[4]!,
    f = state[5]!,
    g = state[6]!,
    h = state[7]!;
  for (let t = 0; t < 64; t++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const ch = (e & f) ^ (~e & g);
    const t1 = (h + S1 + ch + K[t]! + w[t]!) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const maj = (a & b) ^ (a & c) ^ (b & c);
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + S0 + maj) | 0;
  }
  // Int32Array stores wrap to 32 bits, so no `| 0` is needed on these sums.
  state[0] = state[0]! + a;
  state[1] = state[1]! + b;
  state[2] = state[2]! + c;
  state[3] = state[3]! + d;
  state[4] = state[4]! + e;
  state[5] = state[5]! + f;
  state[6] = state[6]! + g;
  state[7] = state[7]! + h;
}

function toHex(state: Int32Array): string {
  let out = "";
  for (let i = 0; i < 8; i++) {
    const v = state[i]!;
    out += HEX[(v >>> 24) & 0xff]! + HEX[(v >>> 16) & 0xff]! + HEX[(v >>> 8) & 0xff]! + HEX[v & 0xff]!;
  }
  return out;
}

/** Incremental SHA-256 for data that arrives in chunks (e.g. a large file read as a stream). */
export interface Sha256 {
  /** Feeds more bytes; chunks may have any length. */
  update(bytes: Uint8Array): void;
  /**
   * Lower-case hex digest of everything fed so far. Does not disturb the running state, so more
   * `update` calls may follow (the digest then covers the longer input).
   */
  digestHex(): string;
}

export function createSha256(): Sha256 {
  const state = new Int32Array(H0);
  const w = new Int32Array(64);
  const buffer = new Uint8Array(64); // pending bytes of a not-yet-complete block
  let buffered = 0;
  let length = 0; // total bytes; a double is exact up to 2^53 bytes, far beyond any real input

  return {
    update(bytes: Uint8Array): void {
      const n = bytes.length;
      length += n;
      let offset = 0;
      if (buffered > 0) {
        const take = Math.min(64 - buffered, n);
        buffer.set(bytes.subarray(0, take), buffered);
        buffered += take;
        offset = take;
        if (buffered < 64) return;
        compress(state, w, buffer, 0, 64);
        buffered = 0;
      }
      // Whole blocks straight from the caller's array: no copying.
      offset = compress(state, w, bytes, offset, n);
      if (offset < n) {
        buffer.set(bytes.subarray(offset), 0);
        buffered = n - offset;
      }
    },

    digestHex(): string {
      // Pad a copy: 0x80, zeros, then the 64-bit big-endian bit length (one or two final blocks).
      const finalState = state.slice();
      const tail = new Uint8Array(buffered < 56 ? 64 : 128);
      tail.set(buffer.subarray(0, buffered));
      tail[buffered] = 0x80;
      const bitsHigh = (length - (length % 0x20000000)) / 0x20000000; // length * 8 / 2^32, an exact integer division
      const bitsLow = (length % 0x20000000) * 8;
      const end = tail.length;
      tail[end - 8] = bitsHigh >>> 24;
      tail[end - 7] = bitsHigh >>> 16;
      tail[end - 6] = bitsHigh >>> 8;
      tail[end - 5] = bitsHigh;
      tail[end - 4] = bitsLow >>> 24;
      tail[end - 3] = bitsLow >>> 16;
      tail[end - 2] = bitsLow >>> 8;
      tail[end - 1] = bitsLow;
      compress(finalState, w, tail, 0, end);
      return toHex(finalState);
    },
  };
}

/**
 * A SHA-256 the caller supplies instead of the portable one: `node:crypto`'s `createHash("sha256")`
 * has this shape (`calculate(doc, { sha256: () => createHash("sha256") })`). Same digests, faster.
 */
export interface Sha256Hash {
  update(data: Uint8Array): unknown;
  digest(encoding: "hex"): string;
}
export type Sha256Factory = () => Sha256Hash;

const HEX_DIGEST = /^[0-9a-f]{64}$/;

/**
 * The caller's SHA-256 behind the core's interface, or the portable one. The caller's digest is taken
 * once (node:crypto finishes a hash on `digest`), and must be 64 lower-case hex digits.
 */
export function sha256From(factory: Sha256Factory | undefined): Sha256 {
  if (factory === undefined) return createSha256();
  // The caller's function is the caller's: what it throws or returns is a wrong option, not our bug.
  const wrong = (message: string, found: string): never => {
    throw new MrvValidationError([
      { path: "", code: "invalid-options", message, expected: 'a SHA-256 hash: update(bytes), digest("hex")', found },
    ]);
  };
  const attempt = <T>(run: () => T, what: string): T => {
    try {
      return run();
    } catch (error) {
      if (error instanceof MrvValidationError) throw error;
      return wrong(`options.sha256: ${what} threw`, error instanceof Error ? error.name : typeof error);
    }
  };
  const hash = attempt(factory, "the function");
  if (
    typeof hash !== "object" ||
    hash === null ||
    typeof hash.update !== "function" ||
    typeof hash.digest !== "function"
  )
    wrong("options.sha256 returned no hash with update() and digest()", hash === null ? "null" : typeof hash);
  return {
    update(bytes) {
      attempt(() => hash.update(bytes), "update()");
    },
    digestHex() {
      const hex = attempt(() => hash.digest("hex"), 'digest("hex")');
      if (typeof hex !== "string" || !HEX_DIGEST.test(hex))
        wrong(
          'options.sha256 made a hash whose digest("hex") is not a SHA-256 digest (64 lower-case hex digits)',
          typeof hex === "string" ? `${hex.length} characters` : typeof hex,
        );
      return hex;
    },
  };
}

/** Lower-case hex SHA-256 of `bytes`. */
export function sha256Hex(bytes: Uint8Array): string {
  const hasher = createSha256();
  hasher.update(bytes);
  return hasher.digestHex();
}

/** Lower-case hex SHA-256 of the UTF-8 encoding of `text` (lone surrogates become U+FFFD, as TextEncoder does). */
export function sha256HexOfString(text: string): string {
  return sha256Hex(encodeUtf8(text));
}
