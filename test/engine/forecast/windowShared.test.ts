import * as path from "path";
import { readInputFiles } from "../../../src/cli/inputFiles";
import { rollingBacktest } from "../../../src/engine/forecast";
import { SAMPLES, SHARED, describeWithSamples } from "./sharedSamples";

const describeShared = describeWithSamples("test/engine/forecast/windowShared.test.ts");

/**
 * docs/method/forecast-window.md: over every cut-off the data allows (every 3 months, 12 months
 * ahead), the default mode, its window chosen by evidence, errs less on the monthly total than
 * reference mode. The files are read as `lac backtest` reads them.
 */
describeShared("the window chosen by evidence on the public samples", () => {
  it.each(SAMPLES)("%s: the default mode's mean error of the monthly total is lower than reference mode's", async (name) => {
    const inputs = await readInputFiles({ Episodes: path.join(SHARED, name, "episodes.csv"), Children: path.join(SHARED, name, "header.csv") });
    const rolling = rollingBacktest(inputs.ledger.episodes, inputs.ledger.children, {
      modes: ["reference", "default"],
      months: 12,
      stepMonths: 3,
      dataStart: inputs.dataStart ?? undefined,
    });
    const [reference, byDefault] = rolling.summaries;
    expect(reference.mode).toBe("reference");
    expect(byDefault.mode).toBe("default");
    // Both modes on the same cut-offs and months, several of them.
    expect(byDefault.cutoffs).toBe(reference.cutoffs);
    expect(byDefault.cutoffs).toBeGreaterThanOrEqual(3);
    expect(byDefault.monthsCompared).toBe(reference.monthsCompared);
    expect(byDefault.meanError).not.toBeNull();
    expect(byDefault.meanError!).toBeLessThan(reference.meanError!);
    // The default mode used windows the evidence chose; reference mode the open model's three years.
    expect([...reference.windows.keys()]).toEqual(["36 months"]);
    expect([...byDefault.windows.keys()].every((w) => w === "since the first return" || /^\d+ months$/.test(w))).toBe(true);
  });
});
