import { formatIsoDate } from "../../../src/engine/dates";
import { ForecastError, meanAbsolutePercentageError, runBacktest } from "../../../src/engine/forecast";
import { child, day, episode } from "./fixtures";

/**
 * A and B are in care before the cut-off (31 January 2020); C left in 2019; D comes in after
 * the cut-off, and A leaves on 1 June 2020, the data's last date.
 */
const children = ["A", "B", "C", "D"].map((id) => child(id, "2010-01-01"));
const episodes = [
  episode("A", "2018-01-01", "2020-06-01", "U4", { rec: "E11" }),
  episode("B", "2018-01-01", null, "U4"),
  episode("C", "2019-01-01", "2019-07-01", "U4", { rec: "E4A" }),
  episode("D", "2020-03-01", null, "U4"),
];

describe("backtest", () => {
  const result = runBacktest(episodes, children, { mode: "reference", cutoff: day("2020-01-31"), months: 6 });

  it("fits on what was known at the cut-off", () => {
    const rule = (name: string) => result.fit.cleaning.rules.find((r) => r.rule === name)?.rowsTouched;
    expect(rule("after the cut-off")).toBe(1);
    expect(rule("open at the cut-off")).toBe(1);
    expect(formatIsoDate(result.referenceEnd)).toBe("2020-01-31");
    expect(formatIsoDate(result.referenceStart)).toBe("2017-01-31");
  });

  it("compares the reported days after the cut-off that the data covers with what happened", () => {
    expect(result.rows.map((r) => formatIsoDate(r.date))).toEqual(["2020-02-01", "2020-03-01", "2020-04-01", "2020-05-01", "2020-06-01"]);
    expect(result.rows.map((r) => r.actual)).toEqual([2, 3, 3, 3, 2]);
    expect(result.rows.map((r) => r.actualByCategory.Fostering)).toEqual([2, 3, 3, 3, 2]);
    const mape = result.rows.reduce((sum, r) => sum + Math.abs(r.forecast - r.actual) / r.actual, 0) / result.rows.length;
    expect(result.mapeTotal).toBeCloseTo(mape, 12);
    expect(result.mapeByCategory.Residential).toBeNull();
  });

  it("needs a cut-off before the data's last date", () => {
    expect(() => runBacktest(episodes, children, { cutoff: day("2020-06-01") })).toThrow(ForecastError);
  });

  it("measures the mean absolute percentage error over days with an actual above 0", () => {
    expect(meanAbsolutePercentageError([100, 200, 0], [110, 180, 5])).toBeCloseTo((0.1 + 0.1) / 2, 12);
    expect(meanAbsolutePercentageError([0, 0], [1, 2])).toBeNull();
  });
});
