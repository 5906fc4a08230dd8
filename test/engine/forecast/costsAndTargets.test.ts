import { formatIsoDate } from "../../../src/engine/dates";
import { ForecastError, runForecast, simpleStockAndFlow, targetDate } from "../../../src/engine/forecast";
import { monthlyInflation } from "../../../src/engine/forecast/projection";
import { UnitCostTable } from "../../../src/engine/unitCosts";
import { child, day, episode } from "./fixtures";

/** The hand-worked children of handWorked.test.ts, costed: LA foster care £700 a week, LA residential £3,500. */
const children = ["A", "B", "C", "D"].map((id) => child(id, "2013-01-15"));
const episodes = [
  episode("A", "2019-06-01", "2020-01-05", "U4", { rec: "E11" }),
  episode("B", "2019-06-01", "2020-01-04", "U4", { rec: "X1" }),
  episode("B", "2020-01-04", null, "K2", { rne: "P" }),
  episode("C", "2020-01-07", null, "U5"),
  episode("D", "2019-01-01", "2019-12-01", "P1", { rec: "E13" }),
];
const unitCosts = new UnitCostTable([
  { type: "Foster care", provided: "LA", location: null, weeklyCost: 700, row: 2 },
  { type: "Residential", provided: "LA", location: null, weeklyCost: 3500, row: 3 },
]);
const window = { referenceStart: day("2020-01-01"), referenceEnd: day("2020-01-10"), start: day("2020-01-31"), months: 1 };

describe("costs of the forecast", () => {
  it("costs each projected child-day at the weekly cost of its state's placements on the start day", () => {
    const result = runForecast(episodes, children, { mode: "reference", ...window, unitCosts });
    expect(result.weeklyCosts).toEqual({ Fostering: 700, Residential: 3500, Supported: null, Other: null });
    // From 30 January (the same stock and rates as the 31st), the start's row costs its month's one day left, the 31st.
    const dayBefore = runForecast(episodes, children, { mode: "reference", ...window, start: day("2020-01-30"), unitCosts });
    expect(formatIsoDate(dayBefore.months[0].date)).toBe("2020-01-30");
    expect(dayBefore.months[0].cost).toBeCloseTo((13 / 16 + 1 / 10) * 100 + (1 + 1 / 16) * 500, 9);
    const horizon = result.months.reduce((sum, m) => sum + (m.cost ?? 0), 0);
    expect(result.costPerYear).toEqual([{ label: "2019-20 (part)", from: day("2020-02-01"), to: day("2020-02-29"), cost: expect.closeTo(horizon, 6) }]);
    expect(result.notes.join(" ")).toMatch(/No cost is known for Supported, Other/);
  });

  it("prefers the episode's own WEEKLY_COST to the unit cost", () => {
    const own = episodes.map((e) => (e.child === "C" ? { ...e, weeklyCost: 1400 } : e));
    const result = runForecast(own, children, { mode: "reference", ...window, unitCosts });
    expect(result.weeklyCosts?.Fostering).toBe(1400);
  });

  it("leaves a placement with no known cost out of the costs, as the committed cost does, rather than charging it its state's average", () => {
    // Two fostered children of one age band, in care all along with no move: one placement is
    // costed (LA foster care, £700 a week), the other (a private provider's) has no cost. A third
    // child, older, left care in the window, so that it has rates; none of them apply to the two.
    const pair = [child("X", "2013-01-15"), child("Y", "2013-01-15"), child("Z", "2003-01-15")];
    const placed = (provider: string, weeklyCost: number | null) => [
      episode("X", "2019-06-01", null, "U4"),
      episode("Y", "2019-06-01", null, "U4", { provider, weeklyCost }),
      episode("Z", "2019-06-01", "2019-08-01", "K2", { rec: "E13" }),
    ];
    const still = { referenceStart: day("2019-07-01"), referenceEnd: day("2020-01-10"), start: day("2020-01-31"), months: 1 };
    const horizonCost = (episodesOf: ReturnType<typeof placed>) =>
      runForecast(episodesOf, pair, { mode: "reference", ...still, unitCosts }).costPerYear.reduce((sum, y) => sum + y.cost, 0);

    const oneUncosted = runForecast(placed("PR4", null), pair, { mode: "reference", ...still, unitCosts });
    // 29 days of February 2020 at £100 a day: X's placement alone.
    expect(horizonCost(placed("PR4", null))).toBeCloseTo(29 * 100, 6);
    expect(horizonCost(placed("PR4", 1400))).toBeCloseTo(29 * 300, 6);
    expect(oneUncosted.weeklyCosts?.Fostering).toBe(700);
    expect(oneUncosted.notes.join(" ")).toMatch(/No cost is known for 1 of the 2 placements in force on the start day/);
  });

  it("has no costs without unit costs or WEEKLY_COST", () => {
    const result = runForecast(episodes, children, { mode: "reference", ...window });
    expect(result.weeklyCosts).toBeNull();
    expect(result.months.every((m) => m.cost === null)).toBe(true);
    expect(result.costPerYear).toEqual([]);
  });

  it("inflates by whole months: a year after the start prices are up by the annual rate", () => {
    const factor = monthlyInflation(day("2020-01-31"), 0.12);
    expect(factor(day("2020-02-29"))).toBe(1);
    expect(factor(day("2020-03-01"))).toBeCloseTo(Math.pow(1.12, 1 / 12), 12);
    expect(factor(day("2021-01-30"))).toBeCloseTo(Math.pow(1.12, 11 / 12), 12);
    expect(factor(day("2021-01-31"))).toBeCloseTo(1.12, 12);
  });

  it("splits the horizon's cost into financial years", () => {
    const result = runForecast(episodes, children, { mode: "default", ...window, months: 15, unitCosts, inflation: 0.03 });
    expect(result.costPerYear.map((y) => y.label)).toEqual(["2019-20 (part)", "2020-21", "2021-22 (part)"]);
    const total = result.months.reduce((sum, m) => sum + (m.cost ?? 0), 0);
    expect(result.costPerYear.reduce((sum, y) => sum + y.cost, 0)).toBeCloseTo(total, 6);
  });
});

describe("target date", () => {
  it("finds the first day the forecast total reaches the target", () => {
    const result = runForecast(episodes, children, { mode: "reference", ...window, months: 12, target: 2.5 });
    const t = Array.from(result.dailyTotals).findIndex((total) => total >= 2.5);
    expect(t).toBeGreaterThan(0);
    expect(result.targetDate).toBe(window.start + t);
    expect(runForecast(episodes, children, { mode: "reference", ...window, target: 1000 }).targetDate).toBeNull();
  });

  it("LAC.TARGETDATE's helper: the first month reaching the target, up or down", () => {
    const months = ["Apr", "May", "Jun", "Jul"];
    expect(targetDate(months, [420, 410, 399, 390], 400)).toBe("Jun");
    expect(targetDate(months, [380, 390, 400, 410], 400)).toBe("Jun");
    expect(targetDate(months, [380, 390, 395, 399], 400)).toBeNull();
    expect(targetDate(months, [400, 410, 420, 430], 400)).toBe("Apr");
    expect(() => targetDate(months, [1, 2], 400)).toThrow(ForecastError);
    expect(() => targetDate(months, [1, 2, NaN, 4], 400)).toThrow(/total 3 is not a number/);
  });
});

describe("LAC.SIMPLEFORECAST's one-line stock and flow", () => {
  it("takes the exits off the month's stock and adds the entries", () => {
    expect(simpleStockAndFlow(100, 10, 0.1, 3)).toEqual([100, 100, 100]);
    const values = simpleStockAndFlow(200, 5, 0.05, 2);
    expect(values[0]).toBeCloseTo(195, 12);
    expect(values[1]).toBeCloseTo(195 * 0.95 + 5, 12);
  });

  it("refuses what is not a stock and flow", () => {
    expect(() => simpleStockAndFlow(-1, 1, 0.1, 3)).toThrow(/opening/);
    expect(() => simpleStockAndFlow(1, 1, 1.5, 3)).toThrow(/between 0 and 1/);
    expect(() => simpleStockAndFlow(1, 1, 0.1, 0)).toThrow(/whole number/);
  });
});
