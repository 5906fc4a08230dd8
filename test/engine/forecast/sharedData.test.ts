import * as fs from "fs";
import * as path from "path";
import { formatIsoDate } from "../../../src/engine/dates";
import { readChildren, readEpisodes } from "../../../src/engine/episodes";
import { ForecastResult, runBacktest, runForecast } from "../../../src/engine/forecast";
import { parseCsv } from "../../../src/workbook/csv";
import { day } from "./fixtures";

/** Public synthetic SSDA903 data kept beside the repository; the project must work without it. */
const SHARED = path.resolve(__dirname, "..", "..", "..", "..", "shared", "data");
const present = fs.existsSync(path.join(SHARED, "ssda903-sf-sample")) && fs.existsSync(path.join(SHARED, "ssda903-d2i-fake"));
if (!present) console.log(`test/engine/forecast/sharedData.test.ts: skipped, ${SHARED} is absent`);
const describeShared = present ? describe : describe.skip;

function load(name: string) {
  const read = (file: string) => parseCsv(fs.readFileSync(path.join(SHARED, name, file), "utf8"));
  return { episodes: readEpisodes(read("episodes.csv")).records, children: readChildren(read("header.csv")).records };
}

function totals(result: ForecastResult, iso: string) {
  const point = result.points.find((p) => formatIsoDate(p.date) === iso);
  if (!point) throw new Error(`no point on ${iso}`);
  const byCategory: Record<string, number> = {};
  for (const state of result.states) byCategory[state.category] = (byCategory[state.category] ?? 0) + point.population[state.index];
  return byCategory;
}

/**
 * Expected numbers come from an independent re-reading of the open model's Python source in plain
 * Python (/work/notes/forecast-reference-mirror.py, run outside this suite), not from this code.
 */
describeShared("reference mode on the public samples, against the independent re-reading of the open model", () => {
  it("Social Finance sample, window 1 April 2016 to 31 March 2022, 24 months from 31 March 2022", () => {
    const { episodes, children } = load("ssda903-sf-sample");
    const result = runForecast(episodes, children, {
      mode: "reference",
      referenceStart: day("2016-04-01"),
      referenceEnd: day("2022-03-31"),
      start: day("2022-03-31"),
      months: 24,
    });
    expect(totals(result, "2022-03-31")).toEqual({ Fostering: 55, Residential: 12, Supported: 9, Other: 10, "Not in care": 0 });
    const end = totals(result, "2024-03-31");
    expect(end.Fostering).toBeCloseTo(121.19338152703578, 8);
    expect(end.Residential).toBeCloseTo(20.444911606411242, 8);
    expect(end.Supported).toBeCloseTo(8.821794701186334, 8);
    expect(end.Other).toBeCloseTo(17.477776930674867, 8);
    expect(end["Not in care"]).toBeCloseTo(88.2950119470179, 8);
    expect(result.months.find((m) => formatIsoDate(m.date) === "2023-04-01")?.total).toBeCloseTo(132.80434596636695, 8);
  });

  it("data-to-insight validator data (dd/mm/yyyy), window 1 April 2017 to 31 March 2018, 12 months", () => {
    const { episodes, children } = load("ssda903-d2i-fake");
    const result = runForecast(episodes, children, {
      mode: "reference",
      referenceStart: day("2017-04-01"),
      referenceEnd: day("2018-03-31"),
      start: day("2018-03-31"),
      months: 12,
    });
    expect(totals(result, "2018-03-31")).toEqual({ Fostering: 321, Residential: 89, Supported: 100, Other: 903, "Not in care": 0 });
    const end = totals(result, "2019-03-31");
    expect(end.Fostering).toBeCloseTo(226.6668641014798, 8);
    expect(end.Other).toBeCloseTo(618.2752847229384, 8);
    expect(end["Not in care"]).toBeCloseTo(519.0842131901331, 8);
  });

  it("backtests both modes on both samples with finite errors", () => {
    for (const [name, cutoff] of [
      ["ssda903-sf-sample", "2020-03-31"],
      ["ssda903-d2i-fake", "2017-09-30"],
    ]) {
      const { episodes, children } = load(name);
      for (const mode of ["reference", "default"] as const) {
        const result = runBacktest(episodes, children, { mode, cutoff: day(cutoff), months: 6 });
        expect(result.rows.length).toBeGreaterThan(3);
        expect(Number.isFinite(result.mapeTotal)).toBe(true);
      }
    }
  });
});
