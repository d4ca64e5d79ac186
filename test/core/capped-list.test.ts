import { describe, expect, it } from "vitest";
import { cappedList, droppedFrom } from "../../src/core/capped-list.js";

describe("cappedList", () => {
  it("keeps the first `limit` items, counts the rest, and is an array in every other way", () => {
    const list = cappedList<number>(3);
    expect(list.push(1, 2)).toBe(2);
    for (let i = 3; i <= 10; i++) list.push(i);
    expect([...list]).toEqual([1, 2, 3]);
    expect(list.length).toBe(3);
    expect(list.dropped).toBe(7);
    expect(droppedFrom(list)).toBe(7);
    expect(Array.isArray(list)).toBe(true);
    expect(JSON.stringify(list)).toBe("[1,2,3]");
    expect(Object.keys(list)).toEqual(["0", "1", "2"]);
    // Lists derived from it are plain arrays: no cap, nothing dropped.
    const doubled = list.map((x) => x * 2);
    expect(Object.getPrototypeOf(doubled)).toBe(Array.prototype);
    doubled.push(1, 2, 3, 4);
    expect(doubled).toHaveLength(7);
    expect(droppedFrom(doubled)).toBe(0);
    expect(Object.getPrototypeOf(list.filter(() => true))).toBe(Array.prototype);
    expect(structuredClone(list)).toEqual([1, 2, 3]);
  });

  it("defaults to the issue limit, and any other array has dropped nothing", () => {
    const list = cappedList<number>();
    for (let i = 0; i < 1_005; i++) list.push(i);
    expect(list).toHaveLength(1_000);
    expect(list.dropped).toBe(5);
    expect(droppedFrom([1, 2, 3])).toBe(0);
    expect(droppedFrom(Object.assign([1], { dropped: 4 }))).toBe(0);
  });
});
