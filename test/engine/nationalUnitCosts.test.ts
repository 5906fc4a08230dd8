import { costEpisodes } from "../../src/engine/costs";
import { dayFromYmd } from "../../src/engine/dates";
import {
  NATIONAL_PRICE_YEAR,
  NATIONAL_UNIT_COSTS,
  PRICE_INDEX,
  nationalUnitCostRecords,
  nationalUnitCostRows,
  nationalUnitCostTable,
  nationalWeeklyCost,
  upliftFactor,
} from "../../src/engine/nationalUnitCosts";
import { summariseCosts } from "../../src/engine/summaries";
import { UnitCostTable, readUnitCosts } from "../../src/engine/unitCosts";
import { PLACEMENT_TYPES } from "../../src/engine/codes";
import { anEpisode, expectReconciled } from "./builders";

describe("the national unit-cost card", () => {
  it("gives every row a source and a year, and every costed row its published figure, link and price base", () => {
    for (const row of NATIONAL_UNIT_COSTS) {
      expect(row.source.trim()).not.toBe("");
      expect(row.year).toMatch(/^\d{4}-\d{2}$/);
      expect(row.includes.trim()).not.toBe("");
      if (row.baseWeeklyCost !== null) {
        expect(row.published).toMatch(/£/);
        expect(row.url).toMatch(/^www\.[a-z.]+\.(uk|org\.uk)\/\S+$/);
        expect(row.priceBase).toMatch(/^\d{4}-\d{2}$/);
      } else {
        expect(row.source).toMatch(/^No national weekly figure found: /);
      }
    }
  });

  it("has a row for every placement type but Unknown, and one row per type × provider", () => {
    const types = new Set(NATIONAL_UNIT_COSTS.map((row) => row.type));
    for (const type of PLACEMENT_TYPES.filter((t) => t !== "Unknown")) expect(types.has(type)).toBe(true);
    const keys = NATIONAL_UNIT_COSTS.map((row) => `${row.type}/${row.provided}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("uplifts to the price year by the stated index, and leaves a figure the index does not reach as published", () => {
    expect(NATIONAL_PRICE_YEAR).toBe("2024-25");
    expect(PRICE_INDEX.values).toEqual([{ year: "2023-24", value: 100 }, { year: "2024-25", value: 106.88 }]);
    expect(upliftFactor("2024-25")).toBe(1);
    expect(upliftFactor("2023-24")).toBeCloseTo(1.0688, 12);
    expect(upliftFactor("2019-20")).toBeNull();
    const row = (type: string, provided: string | null) => NATIONAL_UNIT_COSTS.find((r) => r.type === type && r.provided === provided)!;
    // NAO: £318,400 a place over the 366 days of 2023-24, × 1.0688.
    expect(nationalWeeklyCost(row("Residential", "Agency"))).toBe(Math.round(((318_400 * 7) / 366) * 1.0688 * 100) / 100);
    expect(nationalWeeklyCost(row("Foster care", "LA"))).toBe(213);
    expect(nationalWeeklyCost(row("Foster care", "Agency"))).toBe(820);
    expect(nationalWeeklyCost(row("Secure", null))).toBeNull();
  });

  it("writes the costed rows as a Unit costs table the reader takes back without a rejection", () => {
    const rows = nationalUnitCostRows();
    expect(rows).toHaveLength(nationalUnitCostRecords().length);
    const read = readUnitCosts({ headers: ["TYPE", "PROVIDED", "LOCATION", "WEEKLY_COST", "SOURCE"], rows: rows.map((r) => [r[0], r[1], r[2], r[3], r[7]]) });
    expect(read.issues).toEqual([]);
    expect(read.records.map((r) => r.weeklyCost)).toEqual(nationalUnitCostRecords().map((r) => r.weeklyCost));
  });
});

describe("costing with the national card", () => {
  const period = { start: dayFromYmd(2024, 4, 1), end: dayFromYmd(2025, 3, 31) };
  const national = nationalUnitCostTable();
  const episodes = [
    ...[
      { child: "A", place: "U4", provider: "PR4", weeklyCost: null },
      { child: "B", place: "U4", provider: "PR4", weeklyCost: 900 },
      { child: "C", place: "U4", provider: "PR1", weeklyCost: null },
      { child: "D", place: "K1", provider: "PR1", weeklyCost: null },
    ].map((fields) => anEpisode({ ...fields, start: dayFromYmd(2024, 4, 1), end: dayFromYmd(2024, 4, 15), location: "N/A" })),
  ];

  it("is used only where neither the episode nor the council's own table gives a cost", () => {
    const own = new UnitCostTable([{ type: "Foster care", provided: "LA", location: null, weeklyCost: 450, row: 2 }]);
    const costed = costEpisodes(episodes, period, { unitCosts: own, nationalUnitCosts: national });
    expect(costed.map((c) => [c.episode.child, c.source, c.weeklyCost])).toEqual([
      ["A", "national", 820],
      ["B", "episode", 900],
      ["C", "unit cost", 450],
      ["D", "uncosted", null],
    ]);
    expect(costEpisodes(episodes, period, { unitCosts: own }).map((c) => c.source)).toEqual(["uncosted", "episode", "unit cost", "uncosted"]);
  });

  it("reports the national part of every summary in £ and weeks, and every group's weeks, costed or not", () => {
    const result = summariseCosts({ episodes, children: [], period, nationalUnitCosts: national });
    expect(result.total.nationalTotal).toBeCloseTo(820 * 2 + 213 * 2, 9);
    expect(result.total.nationalWeeks).toBe(4);
    expect(result.total.total).toBeCloseTo(820 * 2 + 900 * 2 + 213 * 2, 9);
    expect(result.total.weeks).toBe(8);
    expect(result.total.costedWeeks).toBe(6);
    expect(result.byGroup.find((r) => r.group === "LA Secure")).toMatchObject({ episodes: 1, weeks: 2, costedWeeks: 0, total: 0, avgWeekly: null });
    expectReconciled(result);
  });
});
