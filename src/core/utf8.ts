/**
 * UTF-8 encoding in plain TypeScript, as TextEncoder does it (a lone surrogate becomes U+FFFD), so
 * the digest needs no host API: it runs in a bare JavaScript engine (a `node:vm` context, a worker,
 * an embedded runtime) exactly as in Node or a browser.
 */
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
 * Offset of the first byte that does not start or continue a well-formed UTF-8 sequence (RFC 3629:
 * no overlong forms, no surrogates, nothing above U+10FFFF, no truncated sequence), or -1.
 */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) low = 0xa0; // overlong
      if (b === 0xed) high = 0x9f; // surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) low = 0x90; // overlong
      if (b === 0xf4) high = 0x8f; // above U+10FFFF
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = i + k < n ? bytes[i + k]! : -1;
      if (c < (k === 1 ? low : 0x80) || c > (k === 1 ? high : 0xbf)) return i;
    }
    i += need + 1;
  }
  return -1;
}

export type Utf8Decoding = { ok: true; text: string } | { ok: false; offset: number; found: string };

/**
 * Decodes UTF-8 strictly (trust.md §4): a leading BOM is dropped, and an invalid byte sequence is
 * an error naming its byte offset — never a U+FFFD that would let two different byte sequences
 * share one digest. Uses the host's TextDecoder when there is one, else plain TypeScript.
 */
export function decodeUtf8(bytes: Uint8Array): Utf8Decoding {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  const Decoder = (globalThis as { TextDecoder?: HostDecoder }).TextDecoder;
  if (Decoder) {
    try {
      return { ok: true, text: new Decoder("utf-8", { fatal: true, ignoreBOM: true }).decode(body) };
    } catch {
      // Invalid: the scan below finds where.
    }
  }
  const offset = invalidUtf8Offset(bytes);
  if (offset >= 0) {
    const shown = Array.from(
      bytes.subarray(offset, offset + 4),
      (b) => `0x${b.toString(16).toUpperCase().padStart(2, "0")}`,
    );
    return { ok: false, offset, found: shown.join(" ") };
  }
  return { ok: true, text: decodeValid(body) };
}

type HostDecoder = new (
  label: string,
  options: { fatal: boolean; ignoreBOM: boolean },
) => { decode(bytes: Uint8Array): string };

/** Decodes bytes already known to be well-formed UTF-8 (no host API). */
function decodeValid(body: Uint8Array): string {
  const parts: string[] = [];
  const units: number[] = [];
  for (let i = 0; i < body.length; ) {
    const b = body[i]!;
    let cp: number;
    if (b < 0x80) {
      cp = b;
      i += 1;
    } else if (b < 0xe0) {
      cp = ((b & 0x1f) << 6) | (body[i + 1]! & 0x3f);
      i += 2;
    } else if (b < 0xf0) {
      cp = ((b & 0x0f) << 12) | ((body[i + 1]! & 0x3f) << 6) | (body[i + 2]! & 0x3f);
      i += 3;
    } else {
      cp = ((b & 0x07) << 18) | ((body[i + 1]! & 0x3f) << 12) | ((body[i + 2]! & 0x3f) << 6) | (body[i + 3]! & 0x3f);
      i += 4;
    }
    if (cp >= 0x10000) {
      cp -= 0x10000;
      units.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
    } else units.push(cp);
    // Chunks of 8,192 code units: never one call argument per character of a 256 MB text.
    if (units.length >= 8192) {
      parts.push(String.fromCharCode(...units));
      units.length = 0;
    }
  }
  parts.push(String.fromCharCode(...units));
  return parts.join("");
}
