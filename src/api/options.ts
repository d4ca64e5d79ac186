import { invalidOptions, MrvValidationError } from "../core/errors.js";
import type { Sha256Factory } from "../core/sha256.js";
import type { ParsedDocument } from "../document/parse.js";
import type { CsvFileContent } from "../methodology/csv-files.js";
import type { Registry } from "../methodology/registry.js";
import type { AnyMethodology } from "../methodology/types.js";

/**
 * The options every verb takes, last (architecture §4). Everything is optional in `jcm-mrv`, where
 * the bundled registry is the default; in `jcm-mrv/core` give `module` or `registry`.
 */
export interface CalculateOptions {
  /** Run this module; the document's methodology id and version must name it. */
  module?: AnyMethodology;
  /** Look the document's methodology up here (ignored when `module` is given). */
  registry?: Registry;
  /**
   * Contents of the CSV files the document's series name, keyed by the path exactly as the
   * document writes it (`"readings/inv-1.csv"`): text or UTF-8 bytes, or what `jcm-mrv/node`'s
   * `loadMonitoringDocument` streamed. The verbs read no file themselves (trust.md §1); a CSV-backed
   * series whose path is missing here is an error (`csv-not-provided`) naming the path.
   */
  files?: Readonly<Record<string, CsvFileContent>>;
  /** Version of the time-zone database, recorded in results of named-zone periods (Node: `process.versions.tz`). */
  tzdata?: string;
  /**
   * A faster SHA-256 for `inputDigest` and the CSV contents in `files` — in Node, `() =>
   * createHash("sha256")` from `node:crypto` (what the CLI passes). Without it the verbs use their
   * own portable SHA-256: the digests are the same either way.
   */
  sha256?: Sha256Factory;
}

/** Options of {@link renderReport}: the calculation's options plus the output format. */
export interface ReportOptions extends CalculateOptions {
  /** `html` (default): one self-contained file with SVG charts; `md`: GitHub-flavoured Markdown. */
  format?: "html" | "md";
}

/** The module a verb runs: `options.module`, else the document's id and version in `options.registry`. */
export function moduleFor(parsed: ParsedDocument, options: CalculateOptions): AnyMethodology {
  if (options.module) return options.module;
  if (!options.registry) {
    throw new MrvValidationError([
      {
        path: "",
        code: "no-registry",
        message:
          "jcm-mrv/core has no bundled registry: pass { module } or { registry } (or import the verb from 'jcm-mrv', which bundles every module)",
        expected: "options.module or options.registry",
        found: "neither",
      },
    ]);
  }
  const { id, version } = parsed.document.methodology;
  let module: unknown;
  try {
    module = options.registry.get(id, version);
  } catch (error) {
    // The registry's own answer for an unknown id; anything else is the caller's registry failing.
    if (error instanceof MrvValidationError) throw error;
    throw invalidOptions(
      "options.registry.get failed for the document's methodology",
      "a registry whose get(id, version) returns a module or throws MrvValidationError",
      "an exception",
    );
  }
  if (!isMethodology(module))
    throw invalidOptions(
      "options.registry.get returned something that is not a methodology module",
      "a methodology module",
      module === null ? "null" : typeof module,
    );
  return module;
}

/** A methodology module (what `defineMethodology` returns), told apart from a document or options. */
export function isMethodology(value: unknown): value is AnyMethodology {
  if (typeof value !== "object" || value === null) return false;
  try {
    return (value as { kind?: unknown }).kind === "jcm-mrv/methodology";
  } catch {
    return false; // a document whose getter or Proxy throws is not a module: the snapshot reports it
  }
}

/** A registry (what `createRegistry` returns), told apart from an options object. */
export function isRegistry(value: unknown): value is Registry {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Registry).get === "function" &&
    typeof (value as Registry).find === "function" &&
    Array.isArray((value as Registry).modules)
  );
}
