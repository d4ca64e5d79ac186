/**
 * A document — its JSON text, or the data the CLI's loader read with its CSV files — handed to the one
 * verb that reads it. Every frame between the loader and the parser held it: the text (a 20 MB
 * document with one character beyond Latin-1 is a 40 MB string) through validation and the whole
 * calculation, or the loader's tree beside the verb's own snapshot of it. The parser takes the
 * document out of this box, and nothing else keeps it. Internal: made by the CLI, taken by
 * {@link parseDocument} only.
 */
export class HandedOverDocument {
  #document: unknown;
  #taken = false;

  constructor(document: unknown) {
    this.#document = document;
  }

  /** Whether `value` is a box — a brand check: no Proxy trap of a caller's object runs. */
  static is(value: unknown): value is HandedOverDocument {
    return typeof value === "object" && value !== null && #document in value;
  }

  /** The document, once; the box is empty after (a second take is a bug of the caller). */
  take(): unknown {
    if (this.#taken) throw new Error("HandedOverDocument: the document was taken already");
    const document = this.#document;
    this.#document = undefined;
    this.#taken = true;
    return document;
  }
}
