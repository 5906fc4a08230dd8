import * as fs from "fs";
import * as path from "path";
import { formatIsoDate } from "../../../src/engine/dates";
import { ForecastResult, dataStartFromYears, runBacktest, runForecast } from "../../../src/engine/forecast";
import { day } from "./fixtures";
import { describeWithSamples, loadSample } from "./sharedSamples";

const describeShared = describeWithSamples("test/engine/forecast/sharedData.test.ts");

interface OpenModelRun {
  /** Every state's population on a few projected days, by date (ISO) and state name. */
  populations: Record<string, Record<string, number>>;
  costs: { month: string; item: string; cost: number }[];
}

/** What the open model's own code computed on these datasets; the file says how it was produced. */
const OPEN_MODEL: { producedBy: string; datasets: Record<"sf" | "d2i", OpenModelRun> } = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, "..", "..", "fixtures", "open-model-reference.json"), "utf8"),
);

/**
 * The children in care on every date the fixture holds, and every state on those the forecast
 * reports, within 1e-6 children; every month × item cost within 1e-9 of the month's total.
 */
function expectOpenModelFigures(result: ForecastResult, expected: OpenModelRun): void {
  const dates = Object.keys(expected.populations);
  expect(dates.length).toBeGreaterThan(2);
  for (const date of dates) {
    const theirTotal = Object.entries(expected.populations[date]).reduce((sum, [state, n]) => (state.endsWith("Not in care") ? sum : sum + n), 0);
    expect(Math.abs(result.dailyTotals[day(date) - result.start] - theirTotal)).toBeLessThan(1e-6);
    const point = result.points.find((p) => formatIsoDate(p.date) === date);
    if (!point) continue;
    for (const state of result.states) {
      const theirs = expected.populations[date][state.name] ?? 0;
      if (Math.abs(point.population[state.index] - theirs) > 1e-6) throw new Error(`${date} ${state.name}: ${point.population[state.index]}, the open model ${theirs}`);
    }
  }
  const ours = new Map((result.referenceCosts?.months ?? []).map((m) => [`${m.month} ${m.item}`, m.cost]));
  const monthTotals = new Map<string, number>();
  for (const row of expected.costs) monthTotals.set(row.month, (monthTotals.get(row.month) ?? 0) + row.cost);
  expect(new Set(result.referenceCosts?.months.map((m) => m.month))).toEqual(new Set(monthTotals.keys()));
  for (const row of expected.costs) {
    const cost = ours.get(`${row.month} ${row.item}`) ?? 0;
    if (Math.abs(cost - row.cost) > 1e-9 * (monthTotals.get(row.month) ?? 0)) throw new Error(`${row.month} ${row.item}: £${cost}, the open model £${row.cost}`);
  }
}

describeShared("reference mode on the public samples, against the open model's own run (test/fixtures/open-model-reference.json)", () => {
  it("Social Finance sample, window 1 April 2016 to 31 March 2022, 24 months from 31 March 2022, data start from YEAR", () => {
    const { episodes, children, years } = loadSample("ssda903-sf-sample");
    const dataStart = dataStartFromYears(years) ?? undefined;
    expect(formatIsoDate(dataStart ?? 0)).toBe("2016-04-01");
    const result = runForecast(episodes, children, {
      mode: "reference",
      referenceStart: day("2016-04-01"),
      referenceEnd: day("2022-03-31"),
      start: day("2022-03-31"),
      months: 24,
      dataStart,
    });
    expectOpenModelFigures(result, OPEN_MODEL.datasets.sf);
  });

  it("data-to-insight validator data (dd/mm/yyyy, no YEAR), window 1 April 2017 to 31 March 2018, 24 months", () => {
    const { episodes, children, years } = loadSample("ssda903-d2i-fake");
    expect(years).toEqual([]);
    const result = runForecast(episodes, children, {
      mode: "reference",
      referenceStart: day("2017-04-01"),
      referenceEnd: day("2018-03-31"),
      start: day("2018-03-31"),
      months: 24,
    });
    // Without YEAR the data starts with the first return (2017-18), as the model's run given YEAR 2018.
    expect(formatIsoDate(result.dataStart)).toBe("2017-04-01");
    expectOpenModelFigures(result, OPEN_MODEL.datasets.d2i);
  });

  it("backtests both modes on both samples with finite errors", () => {
    for (const [name, cutoff] of [
      ["ssda903-sf-sample", "2020-03-31"],
      ["ssda903-d2i-fake", "2017-09-30"],
    ]) {
      const { episodes, children } = loadSample(name);
      for (const mode of ["reference", "default"] as const) {
        const result = runBacktest(episodes, children, { mode, cutoff: day(cutoff), months: 6 });
        expect(result.rows.length).toBeGreaterThan(3);
        expect(Number.isFinite(result.mapeTotal)).toBe(true);
      }
    }
  });
});
