import {
  PeriodError,
  checkPeriod,
  costEpisodes,
  costInPeriod,
  daysInPeriod,
  financialYearPeriod,
  periodDays,
  weeksInPeriod,
} from "../../src/engine/costs";
import { Day, dayFromYmd } from "../../src/engine/dates";
import { UnitCostTable } from "../../src/engine/unitCosts";
import { anEpisode } from "./builders";

const day = (text: string): Day => {
  const [y, m, d] = text.split("-").map(Number);
  return dayFromYmd(y, m, d);
};
const FY_2023: { start: Day; end: Day } = { start: day("2023-04-01"), end: day("2024-03-31") };

const episode = anEpisode;

describe("periods", () => {
  test("both ends count", () => {
    expect(periodDays(FY_2023)).toBe(366);
    expect(periodDays({ start: 10, end: 10 })).toBe(1);
    expect(periodDays({ start: 10, end: 9 })).toBe(0);
  });

  test("the financial year holding a day", () => {
    expect(financialYearPeriod(day("2023-12-25"))).toEqual(FY_2023);
    expect(financialYearPeriod(day("2023-03-31"))).toEqual({ start: day("2022-04-01"), end: day("2023-03-31") });
  });

  test("a period that ends before it starts is a PeriodError naming both dates", () => {
    expect(() => checkPeriod({ start: day("2024-01-01"), end: day("2023-01-01") })).toThrow(PeriodError);
    expect(() => checkPeriod({ start: day("2024-01-01"), end: day("2023-01-01") })).toThrow(/2023-01-01.*2024-01-01/);
    expect(() => checkPeriod({ start: Number.NaN, end: 5 })).toThrow(PeriodError);
    expect(() => costEpisodes([], { start: 5, end: 4 })).toThrow(PeriodError);
  });
});

describe("days and weeks of an episode in a period", () => {
  test("from DECOM up to but not including DEC", () => {
    expect(daysInPeriod(day("2023-05-01"), day("2023-05-08"), FY_2023)).toBe(7);
    expect(weeksInPeriod(day("2023-05-01"), day("2023-05-08"), FY_2023)).toBe(1);
  });

  test("an open episode runs to the period's end, inclusive", () => {
    expect(daysInPeriod(day("2024-03-25"), null, FY_2023)).toBe(7);
    expect(daysInPeriod(day("2020-01-01"), null, FY_2023)).toBe(366);
  });

  test("clipped at both ends of the period", () => {
    expect(daysInPeriod(day("2023-03-01"), day("2023-04-03"), FY_2023)).toBe(2);
    expect(daysInPeriod(day("2024-03-30"), day("2024-05-01"), FY_2023)).toBe(2);
    expect(daysInPeriod(day("2022-01-01"), day("2025-01-01"), FY_2023)).toBe(366);
  });

  test("an episode ending on the period's first day has no days in it; one ending the day after the period has its last day", () => {
    expect(daysInPeriod(day("2023-01-01"), day("2023-04-01"), FY_2023)).toBe(0);
    expect(daysInPeriod(day("2023-01-01"), day("2023-04-02"), FY_2023)).toBe(1);
    expect(daysInPeriod(day("2024-03-31"), day("2024-04-01"), FY_2023)).toBe(1);
    expect(daysInPeriod(day("2024-04-01"), null, FY_2023)).toBe(0);
  });

  test("a zero-day episode (DEC = DECOM) has no days", () => {
    expect(daysInPeriod(day("2023-06-01"), day("2023-06-01"), FY_2023)).toBe(0);
  });

  test("cost = weekly × days ÷ 7", () => {
    expect(costInPeriod(700, day("2023-05-01"), day("2023-05-11"), FY_2023)).toBe(1000);
    expect(costInPeriod(950, day("2023-04-01"), null, FY_2023)).toBeCloseTo((950 * 366) / 7, 9);
    expect(costInPeriod(950, day("2022-04-01"), day("2023-04-01"), FY_2023)).toBe(0);
  });
});

describe("costEpisodes", () => {
  const unitCosts = new UnitCostTable([
    { type: "Foster care", provided: "LA", location: null, weeklyCost: 490, row: 2 },
    { type: "Residential", provided: null, location: null, weeklyCost: 4200, row: 3 },
  ]);
  const own = episode({ start: day("2023-04-01"), end: day("2023-04-15"), weeklyCost: 1000, place: "U4", provider: "PR4" });
  const byUnitCost = episode({ start: day("2023-10-01"), end: null, place: "U5", provider: "PR2" });
  const zeroOwn = episode({ start: day("2023-04-01"), end: day("2023-04-08"), weeklyCost: 0, place: "K2", provider: "PR1" });
  const uncosted = episode({ start: day("2023-06-01"), end: day("2023-06-29"), place: "T1", provider: "PR1", location: "Out LA" });
  const before = episode({ start: day("2022-01-01"), end: day("2023-04-01"), weeklyCost: 800 });
  const costed = costEpisodes([own, byUnitCost, zeroOwn, uncosted, before], FY_2023, { unitCosts });

  test("only episodes with days in the period", () => {
    expect(costed.map((c) => c.episode)).toEqual([own, byUnitCost, zeroOwn, uncosted]);
  });

  test("an episode's own weekly cost comes first, even when it is zero", () => {
    expect(costed[0]).toMatchObject({ source: "episode", weeklyCost: 1000, days: 14, cost: 2000 });
    expect(costed[0].group.label).toBe("Agency Foster Care in LA");
    expect(costed[2]).toMatchObject({ source: "episode", weeklyCost: 0, days: 7, cost: 0 });
  });

  test("else the unit cost of its group", () => {
    expect(costed[1]).toMatchObject({ source: "unit cost", weeklyCost: 490, days: 183 });
    expect(costed[1].cost).toBeCloseTo((490 * 183) / 7, 9);
  });

  test("else uncosted, at no cost", () => {
    expect(costed[3]).toMatchObject({ source: "uncosted", weeklyCost: null, days: 28, cost: 0 });
    expect(costed[3].group.label).toBe("LA Hospital out LA");
  });

  test("without a unit-cost table only episodes' own costs count", () => {
    expect(costEpisodes([byUnitCost], FY_2023).map((c) => c.source)).toEqual(["uncosted"]);
  });

  test("overrides re-map placement types before costing", () => {
    const overrides = new Map([["T1", "Residential"]]);
    const [result] = costEpisodes([uncosted], FY_2023, { unitCosts, overrides });
    expect(result).toMatchObject({ source: "unit cost", weeklyCost: 4200, cost: 4200 * 4 });
    expect(result.group.label).toBe("LA Residential out LA");
  });

  test("episodes of one group share the group object", () => {
    const a = episode({ start: day("2023-04-01"), place: "U4", provider: "PR1" });
    const b = episode({ start: day("2023-04-01"), place: "U6", provider: "PR3" });
    const [ca, cb] = costEpisodes([a, b], FY_2023, { unitCosts });
    expect(ca.group).toBe(cb.group);
  });
});
