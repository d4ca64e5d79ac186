import { MrvValidationError } from "../core/errors.js";
import { DOCUMENT_LIMITS } from "../document/parse.js";

/**
 * Reads standard input to its end, as bytes: at most the 256 MB a document may have (one byte more
 * is an error at once, without reading further). The bytes go to the document reader, which checks
 * them as UTF-8 (trust.md §4).
 */
export async function readStdin(stream: AsyncIterable<Uint8Array | string>): Promise<Uint8Array> {
  const max = DOCUMENT_LIMITS.maxTextLength;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk;
    size += bytes.length;
    if (size > max)
      throw new MrvValidationError([
        {
          path: "",
          code: "file-too-large",
          message: `the document on stdin is larger than ${max} bytes`,
          expected: `at most ${max} bytes`,
        },
      ]);
    chunks.push(bytes);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.length;
  }
  return all;
}
