import { formatIsoDate } from "../../../src/engine/dates";
import { ForecastError, dataStartFromYears, runForecast } from "../../../src/engine/forecast";
import {
  COST_ITEMS,
  costItemOf,
  inflateAsTheModel,
  readItemCosts,
  referenceMonthlyCosts,
  roundHalfToEven,
} from "../../../src/engine/forecast/referenceCosts";
import { IN_CARE_STATES, inCareState } from "../../../src/engine/forecast/states";
import { TableError } from "../../../src/engine/table";
import { child, day, episode } from "./fixtures";

const item = (label: string) => COST_ITEMS.findIndex((i) => i.label === label);
const FOSTERING = 0;
const RESIDENTIAL = 1;

describe("the open model's cost items", () => {
  it("finds the item by PLACE and PLACE_PROVIDER, then by PLACE alone, else Other", () => {
    expect(COST_ITEMS[costItemOf("U4", "PR1")].label).toBe("Fostering (In-house)");
    expect(COST_ITEMS[costItemOf("U6", "PR5")].label).toBe("Fostering (IFA)");
    expect(COST_ITEMS[costItemOf("U2", "PR4")].label).toBe("Fostering (Friend/Relative)");
    expect(COST_ITEMS[costItemOf("S1", "PR2")].label).toBe("Residential (In-house)");
    expect(COST_ITEMS[costItemOf("P3", "PR4")].label).toBe("Residential (External)");
    expect(COST_ITEMS[costItemOf("K3", "")].label).toBe("Supported accommodation");
    expect(COST_ITEMS[costItemOf("K1", "PR1")].label).toBe("Secure home");
    // A fostering placement whose provider is none of the listed ones has no item of its own.
    expect(COST_ITEMS[costItemOf("U4", "PR0")].label).toBe("Other");
    expect(COST_ITEMS[costItemOf("Z1", "PR1")].label).toBe("Other");
  });
});

describe("the open model's arithmetic", () => {
  it("rounds each day's population half to even, as numpy does", () => {
    expect([0.5, 1.5, 2.5, 2.4999999, 3.5000001, 7].map(roundHalfToEven)).toEqual([0, 2, 2, 2, 4, 7]);
  });

  it("inflates in 6-digit decimals (values printed by Python's decimal module with the model's precision)", () => {
    expect(inflateAsTheModel(1000 / 7, 0.1)).toBe(157.143);
    expect(inflateAsTheModel(157.143, 0.1)).toBe(172.857);
    expect(inflateAsTheModel(100 / 7, 0.0325)).toBe(14.75);
    expect(inflateAsTheModel(250 / 7, 0.123456789)).toBe(40.1236);
  });
});

describe("monthly costs", () => {
  /** Two children in Fostering and 1.5 in Residential every day. */
  function steady(days: number): Float64Array {
    const daily = new Float64Array(days * IN_CARE_STATES);
    for (let t = 0; t < days; t++) {
      daily[t * IN_CARE_STATES + inCareState(2, FOSTERING)] = 2;
      daily[t * IN_CARE_STATES + inCareState(2, RESIDENTIAL)] = 1.5;
    }
    return daily;
  }
  const proportions = new Float64Array(COST_ITEMS.length);
  proportions[item("Fostering (In-house)")] = 0.25;
  proportions[item("Fostering (IFA)")] = 0.75;
  proportions[item("Residential (External)")] = 1;
  const weeklyCosts = COST_ITEMS.map((i) => i.defaultWeeklyCost);

  it("costs the days after the start, rounded children × weekly ÷ 7 × proportion, by calendar month", () => {
    // From 30 January: 31 January is the first day costed, then 29 days of February 2020.
    const months = referenceMonthlyCosts({ start: day("2020-01-30"), daily: steady(30), days: 30, proportions, weeklyCosts, inflation: 0 });
    const cost = (month: string, label: string) => months.find((m) => m.month === month && m.item === label)?.cost;
    expect(new Set(months.map((m) => m.month))).toEqual(new Set(["2020-01", "2020-02"]));
    expect(cost("2020-01", "Fostering (In-house)")).toBeCloseTo(2 * (150 / 7) * 0.25, 9);
    expect(cost("2020-02", "Fostering (IFA)")).toBeCloseTo(29 * 2 * (250 / 7) * 0.75, 9);
    // 1.5 children round to 2.
    expect(cost("2020-02", "Residential (External)")).toBeCloseTo(29 * 2 * (1000 / 7), 9);
    expect(cost("2020-02", "Residential (In-house)")).toBe(0);
  });

  it("steps prices up on each anniversary of the first costed day only", () => {
    const days = 800;
    const months = referenceMonthlyCosts({ start: day("2020-01-31"), daily: steady(days), days, proportions, weeklyCosts, inflation: 0.1 });
    const ifa = (month: string) => months.find((m) => m.month === month && m.item === "Fostering (IFA)")?.cost ?? NaN;
    const perDay = 2 * 0.75;
    expect(ifa("2021-01")).toBeCloseTo(31 * perDay * (250 / 7), 9);
    // The first costed day is 1 February 2020: the price rises on 1 February 2021, then on 1 February 2022.
    expect(ifa("2021-02")).toBeCloseTo(28 * perDay * inflateAsTheModel(250 / 7, 0.1), 9);
    expect(ifa("2022-03")).toBeCloseTo(31 * perDay * inflateAsTheModel(inflateAsTheModel(250 / 7, 0.1), 0.1), 9);
  });
});

describe("reference mode's costs in the forecast", () => {
  const children = ["A", "B", "C"].map((id) => child(id, "2013-01-15"));
  const episodes = [
    episode("A", "2019-06-01", null, "U4", { provider: "PR1" }),
    episode("B", "2019-06-01", "2019-12-01", "U5", { provider: "PR4" }),
    episode("C", "2019-09-01", null, "K2", { provider: "PR4" }),
  ];
  const options = { mode: "reference" as const, referenceStart: day("2019-07-01"), referenceEnd: day("2019-12-31"), start: day("2019-12-31"), months: 2 };

  it("splits each category by the child-days its items had in the window", () => {
    const result = runForecast(episodes, children, options);
    const share = (label: string) => result.referenceCosts?.items.find((i) => i.label === label)?.proportion;
    // In-house: A from 1 July to 31 December (184 days); IFA: B from 1 July to 30 November (153 days).
    expect(share("Fostering (In-house)")).toBeCloseTo(184 / (184 + 153), 12);
    expect(share("Fostering (IFA)")).toBeCloseTo(153 / (184 + 153), 12);
    expect(share("Residential (External)")).toBe(1);
    expect(share("Supported accommodation")).toBe(0);
    expect(result.referenceCosts?.months.map((m) => m.month).filter((m, i, all) => all.indexOf(m) === i)).toEqual(["2020-01", "2020-02"]);
  });

  it("uses the weekly costs given instead of the defaults, and has none in default mode", () => {
    const weekly = COST_ITEMS.map((i) => i.defaultWeeklyCost);
    weekly[item("Residential (External)")] = 7000;
    const result = runForecast(episodes, children, { ...options, itemCosts: weekly });
    const january = result.referenceCosts?.months.find((m) => m.month === "2020-01" && m.item === "Residential (External)");
    // C is alone in Residential with nothing moving out of it: one child every day of January at £1,000 a day.
    expect(january?.cost).toBeCloseTo(31 * 1000, 6);
    expect(runForecast(episodes, children, { ...options, mode: "default" }).referenceCosts).toBeNull();
    expect(() => runForecast(episodes, children, { ...options, itemCosts: [1, 2] })).toThrow(ForecastError);
  });
});

describe("item costs table", () => {
  it("reads ITEM, WEEKLY_COST over the defaults and explains an unknown item or a bad cost", () => {
    const weekly = readItemCosts({ headers: ["Item", "Weekly cost"], rows: [["fostering (ifa)", "£900"], [null, null]] });
    expect(weekly[item("Fostering (IFA)")]).toBe(900);
    expect(weekly[item("Other")]).toBe(1000);
    expect(() => readItemCosts({ headers: ["ITEM", "WEEKLY_COST"], rows: [["Kinship", "100"]] })).toThrow(/row 2: "Kinship" is not a cost item/);
    expect(() => readItemCosts({ headers: ["ITEM", "WEEKLY_COST"], rows: [["Other", "lots"]] })).toThrow(TableError);
  });
});

describe("data start", () => {
  it("is 1 April of (earliest YEAR − 1), none without a YEAR, and refuses a YEAR that is not a year", () => {
    expect(formatIsoDate(dataStartFromYears([2019, 2017, 2021]) ?? 0)).toBe("2016-04-01");
    expect(dataStartFromYears([])).toBeNull();
    expect(() => dataStartFromYears([2017.5])).toThrow(/YEAR must be a year/);
  });

  it("is taken as given, else the first return's start, and never after the data's end", () => {
    const children = [child("A", "2013-01-15"), child("B", "2013-01-15")];
    const episodes = [episode("A", "2018-06-01", "2019-06-01", "U4"), episode("B", "2018-06-01", null, "U4")];
    const window = { mode: "reference" as const, referenceStart: day("2018-04-01"), referenceEnd: day("2019-12-31") };
    expect(formatIsoDate(runForecast(episodes, children, window).dataStart)).toBe("2019-04-01");
    expect(formatIsoDate(runForecast(episodes, children, { ...window, dataStart: day("2018-04-01") }).dataStart)).toBe("2018-04-01");
    expect(() => runForecast(episodes, children, { ...window, dataStart: day("2031-04-01") })).toThrow(/after the data's end/);
  });
});
