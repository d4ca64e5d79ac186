/**
 * A document's JSON text handed to the one verb that parses it. The CLI reads a document as a string
 * (a 20 MB document with one character beyond Latin-1 is a 40 MB string), and every frame between
 * the loader and the parser held it — through validation and the whole calculation, after the parse
 * needed it no more. The parser takes the text out of this box, and nothing else keeps it.
 * Internal: made by the CLI, taken by {@link parseDocument} only.
 */
export class HandedOverText {
  #text: string | undefined;

  constructor(text: string) {
    this.#text = text;
  }

  /** Whether `value` is a box — a brand check: no Proxy trap of a caller's object runs. */
  static is(value: unknown): value is HandedOverText {
    return typeof value === "object" && value !== null && #text in value;
  }

  /** The text, once; the box is empty after (a second take is a bug of the caller). */
  take(): string {
    const text = this.#text;
    if (text === undefined) throw new Error("HandedOverText: the text was taken already");
    this.#text = undefined;
    return text;
  }
}
