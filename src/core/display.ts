/**
 * Input strings on their way to a person (trust.md §2 and §4): shown with every control, bidi and
 * invisible character as a visible escape, quoted at most 80 characters long, and lists of ids cut
 * at 20. One place, so the CLI, stderr, the verify table, Markdown and issues all agree.
 */

/**
 * Characters no document may put in front of a reader as themselves: C0 and C1 controls (cursor
 * moves, screen clears, colours), bidirectional controls and marks (a line read in another order:
 * U+202A–U+202E, U+2066–U+2069, and the marks U+061C, U+200E, U+200F), invisible characters (text
 * that looks like other text), the line and paragraph separators U+2028/U+2029 (a line break to
 * some terminals and renderers), and lone surrogates (which no encoding can carry). trust.md §4
 * lists fewer; these are escaped as well.
 */
const UNSAFE_SOURCE =
  "[\\u0000-\\u001f\\u007f-\\u009f\\u061c\\u200b-\\u200f\\u2028\\u2029\\u2060\\u202a-\\u202e\\u2066-\\u2069\\ufeff]|[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]";
/**
 * A one-class test that is true whenever UNSAFE_SOURCE matches (and also for a well-formed surrogate
 * pair): the lookarounds that tell a lone surrogate from a pair make a scan about ten times slower,
 * so text without any surrogate (nearly all of it) is cleared by this test alone.
 */
const MAYBE_UNSAFE =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028\u2029\u2060\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]/;
const MAYBE_UNSAFE_BUT_LF =
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028\u2029\u2060\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]/;
const UNSAFE_ANY = new RegExp(UNSAFE_SOURCE);
const UNSAFE_ALL = new RegExp(UNSAFE_SOURCE, "g");
/** The same characters but the line feed, for text whose own line breaks are meant (JSON output). */
const UNSAFE_BUT_LF_SOURCE = UNSAFE_SOURCE.replace("[\\u0000-\\u001f", "[\\u0000-\\u0009\\u000b-\\u001f");
const UNSAFE_BUT_LF_ANY = new RegExp(UNSAFE_BUT_LF_SOURCE);
const UNSAFE_BUT_LF_ALL = new RegExp(UNSAFE_BUT_LF_SOURCE, "g");

const escapeOne = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;

/**
 * `text` with control (U+0000–U+001F, U+007F–U+009F), bidi (U+202A–U+202E, U+2066–U+2069, U+061C,
 * U+200E, U+200F), invisible (U+200B–U+200D, U+2060, U+FEFF) and separator (U+2028, U+2029)
 * characters and lone surrogates written as `\u001b`.
 * Everything else is kept, backslashes included, so escaping twice changes nothing.
 */
export function escapeForDisplay(text: string): string {
  return MAYBE_UNSAFE.test(text) && UNSAFE_ANY.test(text) ? text.replace(UNSAFE_ALL, escapeOne) : text;
}

/**
 * {@link escapeForDisplay} for text whose line feeds are its own (a renderer's output, JSON text
 * from `JSON.stringify`, which never leaves a line feed inside a string): one pass, lines kept.
 */
export function escapeForDisplayKeepingLines(text: string): string {
  return MAYBE_UNSAFE_BUT_LF.test(text) && UNSAFE_BUT_LF_ANY.test(text)
    ? text.replace(UNSAFE_BUT_LF_ALL, escapeOne)
    : text;
}

/** Longest part of an input string an issue or a message quotes (trust.md §2), counted before escaping. */
export const MAX_QUOTED = 80;
/** Longest `found` of an issue, `…` included (trust.md §2). */
export const MAX_FOUND = 200;
/** Most ids a message lists; the rest are counted (trust.md §3). */
export const MAX_LISTED_IDS = 20;

/** The first `max` UTF-16 units of `text`, ending in `…` when cut (never between a surrogate pair's halves). */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${head(text, max - 1)}…`;
}

/** The first `n` UTF-16 units of `text`, one fewer when the last would be half a surrogate pair. */
function head(text: string, n: number): string {
  const last = text.charCodeAt(n - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? n - 1 : n);
}

/** An input string quoted for a message: at most 80 characters of it (then `…`), in JSON quotes, escaped. */
export function quote(text: string, max = MAX_QUOTED): string {
  return escapeForDisplay(JSON.stringify(text.length > max ? `${head(text, max)}…` : text));
}

/** Text (a file path, a derived value) for a message without quotes: at most `max` characters, escaped, ≤ 200 in all. */
export function shorten(text: string, max = MAX_QUOTED): string {
  return truncate(escapeForDisplay(text.length > max ? `${head(text, max)}…` : text), MAX_FOUND);
}

/**
 * Ids for a message: the first 20, each quoted, then how many more. `format` turns one id into
 * text (default: {@link quote}).
 */
export function listIds(ids: readonly string[], separator?: string, format?: (id: string) => string): string;
/** Items written by `format` only for those shown: a list of 100,000 boilers makes 20 strings, not 100,000. */
export function listIds<T>(items: readonly T[], separator: string, format: (item: T) => string): string;
export function listIds(
  ids: readonly unknown[],
  separator = ", ",
  format: (id: never) => string = (id: string) => quote(id),
): string {
  const shown = ids.slice(0, MAX_LISTED_IDS).map((id) => format(id as never));
  const more = ids.length - shown.length;
  return more > 0 ? `${shown.join(separator)}${separator}… and ${more} more` : shown.join(separator);
}
