/**
 * Strict UTF-8 decoding (trust.md §4): an invalid byte sequence is an error naming its byte offset,
 * never a silent U+FFFD, so two different byte sequences can never read as the same text.
 *
 * Uses the runtime's `TextDecoder` in fatal mode when there is one (native speed), and finds the
 * offset of the bad sequence itself; in a bare JavaScript engine without `TextDecoder` a pure decoder
 * does both.
 */

interface FatalDecoder {
  decode(input: Uint8Array): string;
}

const native: FatalDecoder | undefined = (() => {
  const Decoder = (globalThis as { TextDecoder?: new (label: string, options: object) => FatalDecoder }).TextDecoder;
  if (typeof Decoder !== "function") return undefined;
  try {
    return new Decoder("utf-8", { fatal: true, ignoreBOM: true });
  } catch {
    return undefined;
  }
})();

/**
 * Offset of the first byte that does not begin a valid UTF-8 sequence (RFC 3629: no overlongs, no
 * surrogates, nothing above U+10FFFF) in `bytes[start, end)`, or -1 when every sequence is valid. A
 * sequence cut off by `end` is invalid.
 */
export function invalidUtf8Offset(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let i = start;
  while (i < end) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    let need: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) low = 0xa0;
      else if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) low = 0x90;
      else if (b === 0xf4) high = 0x8f;
    } else return i;
    if (i + need >= end) return i; // cut off by the end
    const second = bytes[i + 1]!;
    if (second < low || second > high) return i;
    for (let k = 2; k <= need; k++) {
      const c = bytes[i + k]!;
      if (c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** Decodes valid UTF-8 without a host API (used only where `TextDecoder` is missing). */
function decodePure(bytes: Uint8Array): string {
  const parts: string[] = [];
  const units = new Uint16Array(8192);
  let n = 0;
  const flush = () => {
    parts.push(String.fromCharCode.apply(null, units.subarray(0, n) as unknown as number[]));
    n = 0;
  };
  for (let i = 0; i < bytes.length; ) {
    if (n > units.length - 2) flush();
    const b = bytes[i]!;
    let cp: number;
    if (b < 0x80) {
      cp = b;
      i += 1;
    } else if (b < 0xe0) {
      cp = ((b & 0x1f) << 6) | (bytes[i + 1]! & 0x3f);
      i += 2;
    } else if (b < 0xf0) {
      cp = ((b & 0x0f) << 12) | ((bytes[i + 1]! & 0x3f) << 6) | (bytes[i + 2]! & 0x3f);
      i += 3;
    } else {
      cp = ((b & 0x07) << 18) | ((bytes[i + 1]! & 0x3f) << 12) | ((bytes[i + 2]! & 0x3f) << 6) | (bytes[i + 3]! & 0x3f);
      i += 4;
    }
    if (cp < 0x10000) units[n++] = cp;
    else {
      cp -= 0x10000;
      units[n++] = 0xd800 | (cp >> 10);
      units[n++] = 0xdc00 | (cp & 0x3ff);
    }
  }
  flush();
  return parts.join("");
}

/**
 * The text of `bytes` (a leading BOM is kept as U+FEFF: the caller decides), or the offset of the
 * first invalid byte sequence.
 */
export function decodeUtf8Strict(bytes: Uint8Array, useNative = true): string | { invalidAt: number } {
  if (native && useNative) {
    try {
      return native.decode(bytes);
    } catch {
      const at = invalidUtf8Offset(bytes);
      return { invalidAt: Math.max(at, 0) };
    }
  }
  const at = invalidUtf8Offset(bytes);
  return at >= 0 ? { invalidAt: at } : decodePure(bytes);
}

/** Number of UTF-8 bytes of `text[start, end)` (well-formed text: a pair is 4 bytes). */
export function utf8Length(text: string, start = 0, end = text.length): number {
  let bytes = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

/** Index of the first lone surrogate of `text`, or -1 (a lone surrogate has no UTF-8 form). */
export function loneSurrogateIndex(text: string): number {
  const wellFormed = (text as { isWellFormed?: () => boolean }).isWellFormed;
  if (typeof wellFormed === "function" && wellFormed.call(text)) return -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff) {
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (next >= 0xdc00 && next <= 0xdfff) {
        i += 1;
        continue;
      }
    }
    return i;
  }
  return -1;
}
