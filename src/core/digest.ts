import { writeCanonicalJson } from "./canonical-json.js";
import { createSha256 } from "./sha256.js";
import { encodeUtf8 } from "./utf8.js";

const CHUNK = 1 << 16;

/**
 * `inputDigest` (monitoring-document.md § Digest): SHA-256 of the RFC 8785 serialisation of the
 * document without its `reported` member. Key order does not matter; every other change does.
 * CSV-backed series arrive here with `csv` already replaced by `sha256:<hex of the file>`.
 * The canonical text is hashed in 64 KiB pieces as it is written: no document-sized string.
 */
export function inputDigest(document: unknown): string {
  let subject = document;
  if (typeof document === "object" && document !== null && !Array.isArray(document) && Object.hasOwn(document, "reported")) {
    const { reported: _reported, ...rest } = document as Record<string, unknown>;
    subject = rest;
  }
  const hasher = createSha256();
  let pending = "";
  writeCanonicalJson(subject, (chunk) => {
    pending += chunk;
    if (pending.length >= CHUNK) {
      // Chunks end between whole JSON tokens, so no surrogate pair is ever split.
      hasher.update(encodeUtf8(pending));
      pending = "";
    }
  });
  hasher.update(encodeUtf8(pending));
  return `sha256:${hasher.digestHex()}`;
}
