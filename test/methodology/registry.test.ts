import { describe, expect, it } from "vitest";
import { registry } from "../../methodologies/index.js";
import { mnAm003SolarPv } from "../../methodologies/mn-am003-solar-pv/index.js";
import { MrvValidationError } from "../../src/core/errors.js";
import { defineMethodology } from "../../src/methodology/define.js";
import { createRegistry } from "../../src/methodology/registry.js";
import type { AnyMethodology } from "../../src/methodology/types.js";

describe("createRegistry", () => {
  it("looks modules up by id and version; without a version, the newest", () => {
    expect(registry.get("JCM_MN_AM003", "02.0")).toBe(mnAm003SolarPv);
    expect(registry.get("JCM_MN_AM003")).toBe(mnAm003SolarPv);
    const newer = { ...mnAm003SolarPv, version: "03.0" } as AnyMethodology;
    const both = createRegistry([mnAm003SolarPv, newer]);
    expect(both.get("JCM_MN_AM003")).toBe(newer);
    expect(both.get("JCM_MN_AM003", "02.0")).toBe(mnAm003SolarPv);
  });

  it("an unknown id or version is a validation error listing the known ones", () => {
    try {
      registry.get("JCM_XX_AM001");
      throw new Error("expected an error");
    } catch (e) {
      expect(e).toBeInstanceOf(MrvValidationError);
      const issue = (e as MrvValidationError).issues[0]!;
      expect(issue).toMatchObject({ path: "methodology.id", code: "unknown-methodology" });
      for (const m of registry.modules) expect(issue.expected).toContain(m.id);
      expect(issue.expected).toContain("(draft)");
    }
    expect(() => registry.get("JCM_MN_AM003", "09.9")).toThrow(/no version "09\.9"/);
  });

  it("refuses a draft whose id does not start with DRAFT_, an approved module whose id does, duplicates and hand-made objects", () => {
    const draftWithApprovedId = { ...mnAm003SolarPv, status: "draft" } as AnyMethodology;
    expect(() => createRegistry([draftWithApprovedId])).toThrow(/DRAFT_/);
    const approvedWithDraftId = { ...mnAm003SolarPv, id: "DRAFT_MN_PV" } as AnyMethodology;
    expect(() => createRegistry([approvedWithDraftId])).toThrow(/must not have an id starting with DRAFT_/);
    expect(() => createRegistry([mnAm003SolarPv, mnAm003SolarPv])).toThrow(/listed twice/);
    expect(() => createRegistry([{ ...mnAm003SolarPv, kind: "other" } as unknown as AnyMethodology])).toThrow(
      /defineMethodology/,
    );
  });

  it("defineMethodology refuses the same mismatches and freezes the module", () => {
    const { kind: _k, rounding: _r, ...spec } = mnAm003SolarPv;
    expect(() => defineMethodology({ ...spec, status: "draft" })).toThrow(/must start with DRAFT_/);
    expect(() => defineMethodology({ ...spec, id: "DRAFT_X" })).toThrow(/must not start with DRAFT_/);
    expect(() => defineMethodology({ ...spec, reportable: ["RE_p", "PE_p"] })).toThrow(/ER_p/);
    expect(Object.isFrozen(mnAm003SolarPv)).toBe(true);
  });

  it("lists summaries for the CLI and registries", () => {
    const list = registry.list();
    expect(
      list
        .filter((m) => m.status === "draft")
        .map((m) => m.id)
        .sort(),
    ).toEqual(["DRAFT_BD_UNFIRED_BRICK", "DRAFT_KH_RICE_HUSK_STIRLING"]);
    expect(list.every((m) => (m.status === "draft") === m.id.startsWith("DRAFT_"))).toBe(true);
  });

  it("registers eleven modules, each with its family and basis", () => {
    const list = registry.list();
    expect(list).toHaveLength(11);
    const byId = Object.fromEntries(list.map((m) => [m.id, m]));
    expect(Object.fromEntries(Object.entries(byId).map(([id, m]) => [id, `${m.family} · ${m.basis}`]))).toEqual({
      JCM_MN_AM003: "solar-pv · summary and published factors",
      JCM_MV_AM001: "solar-pv · summary",
      JCM_TH_AM001: "solar-pv · summary",
      JCM_KE_AM002: "solar-pv · summary",
      JCM_VN_AM007: "solar-pv · summary",
      JCM_MM_AM002: "refrigerator · summary",
      JCM_ID_AM002: "chiller · summary and monitoring spreadsheet",
      JCM_TH_AM005: "chiller · summary",
      JCM_MN_AM002: "heat-only-boiler · demonstration-study draft",
      DRAFT_KH_RICE_HUSK_STIRLING: "rice-husk-stirling · draft proposal",
      DRAFT_BD_UNFIRED_BRICK: "unfired-brick · draft proposal",
    });
    expect(byId.JCM_MN_AM002!.sectoralScope).toMatch(/^1 /);
    expect(byId.JCM_MM_AM002!.sectoralScope).toMatch(/^3 /);
    expect(byId.JCM_TH_AM005!.version).toBe("03.0");
  });

  it('defineMethodology refuses a module without a family or a basis; basis "summary" adds the summary-basis warning', () => {
    const { kind: _k, rounding: _r, standingWarnings: _w, ...spec } = mnAm003SolarPv;
    expect(() => defineMethodology({ ...spec, family: "" })).toThrow(/family/);
    expect(() => defineMethodology({ ...spec, family: "Solar PV" })).toThrow(/family/);
    expect(() => defineMethodology({ ...spec, basis: " " })).toThrow(/basis/);
    expect(mnAm003SolarPv.standingWarnings ?? []).toEqual([]);
    const summary = defineMethodology({ ...spec, basis: "summary" });
    expect(summary.standingWarnings).toEqual([
      {
        code: "summary-basis",
        message: "equations follow the published summary of JCM_MN_AM003 ver02.0; the approved text was not checked",
      },
    ]);
  });
});
