import { type CanonicalSink, writeCanonicalJson } from "./canonical-json.js";
import { type Sha256, type Sha256Factory, sha256From } from "./sha256.js";
import { encodeUtf8 } from "./utf8.js";

const BUFFER = 1 << 16;

/**
 * A canonical-JSON sink that writes UTF-8 bytes straight into a 64 KiB buffer and hashes it when
 * full: no document-sized string, no intermediate arrays. Strings JSON.stringify writes unchanged
 * (every timestamp, decimal and symbol such as `η_RE,i`) are encoded here character by character;
 * anything with a quote, backslash, control or surrogate goes through JSON.stringify and the general
 * encoder, so the bytes are always those of the canonical text.
 */
function hashingSink(hasher: Sha256): CanonicalSink & { finish(): void } {
  const buffer = new Uint8Array(BUFFER);
  let n = 0;
  const flush = () => {
    hasher.update(buffer.subarray(0, n));
    n = 0;
  };
  const text = (chunk: string) => {
    if (chunk.length * 3 > BUFFER - n) flush();
    if (chunk.length * 3 > BUFFER) {
      hasher.update(encodeUtf8(chunk));
      return;
    }
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c < 0x80) buffer[n++] = c;
      else {
        const bytes = encodeUtf8(chunk.slice(i));
        buffer.set(bytes, n);
        n += bytes.length;
        return;
      }
    }
  };
  return {
    raw: text,
    string(value) {
      const worst = value.length * 3 + 2;
      if (worst > BUFFER - n) flush();
      if (worst <= BUFFER) {
        // UTF-8 written here for everything JSON.stringify leaves as it is; quotes, backslashes,
        // controls and surrogates (pairs included) take the general path below.
        let m = n;
        buffer[m++] = 34;
        let i = 0;
        for (; i < value.length; i++) {
          const c = value.charCodeAt(i);
          if (c < 0x80) {
            if (c < 0x20 || c === 0x22 || c === 0x5c) break;
            buffer[m++] = c;
          } else if (c < 0x800) {
            buffer[m++] = 0xc0 | (c >> 6);
            buffer[m++] = 0x80 | (c & 0x3f);
          } else if (c >= 0xd800 && c <= 0xdfff) break;
          else {
            buffer[m++] = 0xe0 | (c >> 12);
            buffer[m++] = 0x80 | ((c >> 6) & 0x3f);
            buffer[m++] = 0x80 | (c & 0x3f);
          }
        }
        if (i === value.length) {
          buffer[m++] = 34;
          n = m;
          return;
        }
      }
      text(JSON.stringify(value));
    },
    finish: flush,
  };
}

/**
 * `inputDigest` (monitoring-document.md § Digest): SHA-256 of the RFC 8785 serialisation of the
 * document without its `reported` member. Key order does not matter; every other change does.
 * CSV-backed series arrive here with `csv` already replaced by `sha256:<hex of the file>`.
 * `sha256`: the caller's SHA-256 (e.g. node:crypto's), else the portable one — the same digest.
 */
export function inputDigest(document: unknown, sha256?: Sha256Factory): string {
  let subject = document;
  if (
    typeof document === "object" &&
    document !== null &&
    !Array.isArray(document) &&
    Object.hasOwn(document, "reported")
  ) {
    const { reported: _reported, ...rest } = document as Record<string, unknown>;
    subject = rest;
  }
  const hasher = sha256From(sha256);
  const sink = hashingSink(hasher);
  writeCanonicalJson(subject, sink);
  sink.finish();
  return `sha256:${hasher.digestHex()}`;
}
