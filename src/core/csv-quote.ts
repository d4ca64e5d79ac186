/**
 * Quoting pieces of untrusted files and paths in issues (trust.md §2, §4): at most 80 characters of
 * the offending cell, counted before escaping; control, bidirectional and invisible characters shown
 * as visible `\u….` escapes; the whole `found` at most 200 characters, ending in `…` when cut.
 *
 * Local to the CSV and file code on purpose: the document-level display escaping lives elsewhere.
 */

export const MAX_QUOTED_CHARACTERS = 80;
export const MAX_FOUND_LENGTH = 200;

/** Characters shown as escapes: C0, DEL and C1 controls, bidi controls, invisible characters, lone surrogates. */
const UNSAFE =
  /[\ud800-\udbff][\udc00-\udfff]|[\u0000-\u001f\u007f-\u009f\u200b-\u200d\u202a-\u202e\u2060\u2066-\u2069\ufeff\ud800-\udfff]/g;
/** The same, and `"` and `\` (inside a quoted cell). */
const UNSAFE_QUOTED =
  /[\ud800-\udbff][\udc00-\udfff]|[\u0000-\u001f\u007f-\u009f\u200b-\u200d\u202a-\u202e\u2060\u2066-\u2069\ufeff"\\\ud800-\udfff]/g;

function escapeChar(c: string): string {
  if (c.length === 2) return c; // a well-formed surrogate pair
  if (c === '"') return '\\"';
  if (c === "\\") return "\\\\";
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/** `text` with every unsafe character escaped (`quoted`: also `"` and `\`, so a quoted form is unambiguous). */
export function escapeForDisplay(text: string, quoted = false): string {
  return text.replace(quoted ? UNSAFE_QUOTED : UNSAFE, escapeChar);
}

/** At most `max` code points of `text` (never half a surrogate pair), and whether it was cut. */
function firstCodePoints(text: string, max: number): { text: string; cut: boolean } {
  if (text.length <= max) return { text, cut: false };
  let units = 0;
  for (let points = 0; points < max && units < text.length; points++) {
    const c = text.charCodeAt(units);
    units += c >= 0xd800 && c <= 0xdbff && units + 1 < text.length ? 2 : 1;
  }
  return units >= text.length ? { text, cut: false } : { text: text.slice(0, units), cut: true };
}

/** Cuts an already escaped `found` to {@link MAX_FOUND_LENGTH} characters, ending in `…`. */
export function capFound(found: string): string {
  if (found.length <= MAX_FOUND_LENGTH) return found;
  let end = MAX_FOUND_LENGTH - 1;
  const c = found.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end -= 1;
  return `${found.slice(0, end)}…`;
}

/** A cell (or a path) as an issue may quote it: `"…"`, ≤ 80 characters before escaping, escaped, ≤ 200 in all. */
export function quoteCell(cell: string): string {
  const { text, cut } = firstCodePoints(cell, MAX_QUOTED_CHARACTERS);
  return capFound(`"${escapeForDisplay(text, true)}"${cut ? "…" : ""}`);
}

/** Text the library derived from input (an instant, a validated decimal): escaped, at most 200 characters. */
export function safeText(text: string): string {
  return capFound(escapeForDisplay(text));
}

/** A path for a message: escaped and shortened like a cell, without the quotes. */
export function shortText(path: string): string {
  const { text, cut } = firstCodePoints(path, MAX_QUOTED_CHARACTERS);
  return capFound(`${escapeForDisplay(text)}${cut ? "…" : ""}`);
}
