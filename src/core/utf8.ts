/**
 * UTF-8 in plain TypeScript, so the digest and strict decoding need no host API: they run in a bare
 * JavaScript engine (a `node:vm` context, a worker, an embedded runtime) exactly as in Node or a
 * browser. Strict decoding (trust.md §4): an invalid byte sequence is an error naming its byte
 * offset, never a silent U+FFFD, so two different byte sequences can never read as the same text.
 * Where the runtime has a `TextDecoder`, it decodes (native speed) and the offset is found here.
 */

interface FatalDecoder {
  decode(input: Uint8Array): string;
}

type DecoderConstructor = new (label: string, options: { fatal: boolean; ignoreBOM: boolean }) => FatalDecoder;

let host: { constructor: DecoderConstructor; decoder: FatalDecoder } | undefined;

/** The runtime's fatal UTF-8 decoder, made once per TextDecoder the runtime has (none in a bare engine). */
function hostDecoder(): FatalDecoder | undefined {
  const Decoder = (globalThis as { TextDecoder?: DecoderConstructor }).TextDecoder;
  if (typeof Decoder !== "function") return undefined;
  if (host?.constructor !== Decoder) {
    try {
      host = { constructor: Decoder, decoder: new Decoder("utf-8", { fatal: true, ignoreBOM: true }) };
    } catch {
      return undefined;
    }
  }
  return host.decoder;
}

/** As TextEncoder does it: a lone surrogate becomes U+FFFD. */
export function encodeUtf8(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 3);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      out[n++] = c;
      continue;
    }
    if (c < 0x800) {
      out[n++] = 0xc0 | (c >> 6);
      out[n++] = 0x80 | (c & 0x3f);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
        out[n++] = 0xf0 | (cp >> 18);
        out[n++] = 0x80 | ((cp >> 12) & 0x3f);
        out[n++] = 0x80 | ((cp >> 6) & 0x3f);
        out[n++] = 0x80 | (cp & 0x3f);
        continue;
      }
      c = 0xfffd; // lone surrogate
    }
    out[n++] = 0xe0 | (c >> 12);
    out[n++] = 0x80 | ((c >> 6) & 0x3f);
    out[n++] = 0x80 | (c & 0x3f);
  }
  return out.subarray(0, n);
}

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
  const native = useNative ? hostDecoder() : undefined;
  if (native) {
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

export type Utf8Decoding = { ok: true; text: string } | { ok: false; offset: number; found: string };

/**
 * A document's bytes as text: a leading BOM dropped, an invalid byte sequence an error naming its
 * byte offset and showing up to four bytes from there.
 */
export function decodeUtf8(bytes: Uint8Array): Utf8Decoding {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const decoded = decodeUtf8Strict(bom ? bytes.subarray(bom) : bytes);
  if (typeof decoded === "string") return { ok: true, text: decoded };
  const offset = decoded.invalidAt + bom;
  const shown = Array.from(
    bytes.subarray(offset, offset + 4),
    (b) => `0x${b.toString(16).toUpperCase().padStart(2, "0")}`,
  );
  return { ok: false, offset, found: shown.join(" ") };
}
