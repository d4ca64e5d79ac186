import { quote } from "../core/display.js";
import { MrvValidationError } from "../core/errors.js";
import type { AnyMethodology } from "./types.js";

/** One module as `list()` and `jcm-mrv list --format json` show it (architecture §6). */
export interface MethodologySummary {
  id: string;
  version: string;
  title: string;
  status: "approved" | "draft";
  basis: string;
  family: string;
  hostCountry: string;
  sectoralScope: string;
}

/** An immutable lookup of methodology modules by id and version. */
export interface Registry {
  readonly modules: readonly AnyMethodology[];
  /** The module for id + version; throws MrvValidationError naming the known ones otherwise. */
  get(id: string, version?: string): AnyMethodology;
  find(id: string, version?: string): AnyMethodology | undefined;
  list(): MethodologySummary[];
}

function newestFirst(a: AnyMethodology, b: AnyMethodology): number {
  const pa = a.version.split(".").map(Number);
  const pb = b.version.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pb[i] ?? 0) - (pa[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export function createRegistry(modules: readonly AnyMethodology[]): Registry {
  const seen = new Set<string>();
  for (const m of modules) {
    if (m.kind !== "jcm-mrv/methodology")
      throw new TypeError(`createRegistry: ${String((m as { id?: unknown }).id)} was not made by defineMethodology`);
    if (m.status === "draft" && !m.id.startsWith("DRAFT_"))
      throw new TypeError(`createRegistry: draft module ${m.id} must have an id starting with DRAFT_`);
    if (m.status === "approved" && m.id.startsWith("DRAFT_"))
      throw new TypeError(`createRegistry: approved module ${m.id} must not have an id starting with DRAFT_`);
    const key = `${m.id}@${m.version}`;
    if (seen.has(key)) throw new TypeError(`createRegistry: ${key} is listed twice`);
    seen.add(key);
  }
  const list = Object.freeze([...modules]);
  const known = () => list.map((m) => `${m.id} ${m.version}${m.status === "draft" ? " (draft)" : ""}`).join(", ");
  const find = (id: string, version?: string) => {
    const candidates = list.filter((m) => m.id === id).sort(newestFirst);
    return version === undefined ? candidates[0] : candidates.find((m) => m.version === version);
  };
  return Object.freeze({
    modules: list,
    find,
    get(id: string, version?: string) {
      const found = find(id, version);
      if (found) return found;
      const idKnown = list.some((m) => m.id === id);
      throw new MrvValidationError([
        idKnown
          ? {
              path: "methodology.version",
              code: "unknown-version",
              message: `methodology ${id} has no version ${version === undefined ? "(none given)" : quote(version)}`,
              expected: `one of: ${list
                .filter((m) => m.id === id)
                .map((m) => m.version)
                .join(", ")}`,
              found: version === undefined ? "nothing" : quote(version),
            }
          : {
              path: "methodology.id",
              code: "unknown-methodology",
              message: `unknown methodology ${quote(id)}`,
              expected: `one of: ${known()}`,
              found: quote(id),
            },
      ]);
    },
    list: () =>
      list.map((m) => ({
        id: m.id,
        version: m.version,
        title: m.title,
        status: m.status,
        basis: m.basis,
        family: m.family,
        hostCountry: m.hostCountry,
        sectoralScope: m.sectoralScope,
      })),
  });
}
