import { type CanonicalSink, writeCanonicalJson } from "./canonical-json.js";
import { createSha256, type Sha256 } from "./sha256.js";
import { encodeUtf8 } from "./utf8.js";

const BUFFER = 1 << 16;

/**
 * A canonical-JSON sink that writes UTF-8 bytes straight into a 64 KiB buffer and hashes it when
 * full: no document-sized string, no intermediate arrays. Strings made of printable ASCII other
 * than `"` and `\\` (every timestamp and decimal) are copied byte for byte; anything else goes
 * through JSON.stringify and the general encoder, so the bytes are always those of the canonical text.
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
      if (value.length + 2 > BUFFER - n) flush();
      if (value.length + 2 <= BUFFER) {
        let m = n;
        buffer[m++] = 34;
        let plain = true;
        for (let i = 0; i < value.length; i++) {
          const c = value.charCodeAt(i);
          if (c < 0x20 || c === 0x22 || c === 0x5c || c > 0x7e) {
            plain = false;
            break;
          }
          buffer[m++] = c;
        }
        if (plain) {
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
 */
export function inputDigest(document: unknown): string {
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
  const hasher = createSha256();
  const sink = hashingSink(hasher);
  writeCanonicalJson(subject, sink);
  sink.finish();
  return `sha256:${hasher.digestHex()}`;
}
