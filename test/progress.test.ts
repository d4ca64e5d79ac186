import { describe, expect, it } from "vitest";
import { createProgressBar, PROGRESS_MIN_BYTES } from "../src/cli/progress.js";

function stream(isTTY: boolean | undefined) {
  const writes: string[] = [];
  return { writes, isTTY, write: (t: string) => writes.push(t) };
}

describe("CLI progress bar", () => {
  it("draws on a terminal for files over ~1 MB, ending with a newline at 100 %", () => {
    const s = stream(true);
    const bar = createProgressBar(s, 10);
    bar({ file: "big.csv", bytesRead: PROGRESS_MIN_BYTES, totalBytes: 4 * PROGRESS_MIN_BYTES });
    bar({ file: "big.csv", bytesRead: 4 * PROGRESS_MIN_BYTES, totalBytes: 4 * PROGRESS_MIN_BYTES });
    expect(s.writes).toEqual(["\rbig.csv [##        ] 25%", "\rbig.csv [##########] 100%\n"]);
  });

  it("prints nothing when stderr is not a terminal, or for small files", () => {
    for (const isTTY of [false, undefined]) {
      const s = stream(isTTY);
      createProgressBar(s)({ file: "big.csv", bytesRead: 1, totalBytes: 10 * PROGRESS_MIN_BYTES });
      expect(s.writes).toEqual([]);
    }
    const small = stream(true);
    createProgressBar(small)({ file: "small.csv", bytesRead: 10, totalBytes: PROGRESS_MIN_BYTES - 1 });
    expect(small.writes).toEqual([]);
  });
});
