import { backtestedCoverage, dataStartFromYears, runForecast } from "../../../src/engine/forecast";
import { SAMPLES, describeWithSamples, loadSample } from "./sharedSamples";

const describeShared = describeWithSamples("test/engine/forecast/bandCoverage.test.ts");

describeShared("the default forecast's 95% band on the public samples, backtested from every cut-off the data allows", () => {
  it.each(SAMPLES)("%s: holds the actual monthly total in at least 80% of the months", (name) => {
    const { episodes, children, years } = loadSample(name);
    const dataStart = dataStartFromYears(years) ?? undefined;
    const forecast = runForecast(episodes, children, { dataStart });
    const coverage = backtestedCoverage(episodes, children, forecast, { dataStart });
    if (coverage === null) throw new Error(`${name}: no cut-off could be backtested`);
    console.log(
      `${name}: the 95% band held ${(coverage.coverage * 100).toFixed(1)}% and the 25th–75th percentile ` +
        `${(coverage.innerCoverage * 100).toFixed(1)}% of ${coverage.months} months over ${coverage.cutoffs.length} cut-offs`,
    );
    expect(coverage.level).toBe(0.95);
    expect(coverage.cutoffs.length).toBeGreaterThan(1);
    expect(coverage.coverage).toBeGreaterThanOrEqual(0.8);
  });
});
