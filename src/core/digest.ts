import { canonicalJson } from "./canonical-json.js";
import { sha256HexOfString } from "./sha256.js";

/**
 * `inputDigest` (monitoring-document.md § Digest): SHA-256 of the RFC 8785 serialisation of the
 * document without its `reported` member. Key order does not matter; every other change does.
 * CSV-backed series arrive here with `csv` already replaced by `sha256:<hex of the file>`.
 */
export function inputDigest(document: unknown): string {
  let subject = document;
  if (typeof document === "object" && document !== null && !Array.isArray(document) && Object.hasOwn(document, "reported")) {
    const { reported: _reported, ...rest } = document as Record<string, unknown>;
    subject = rest;
  }
  return `sha256:${sha256HexOfString(canonicalJson(subject))}`;
}
