import { ForecastBudgetLine, budgetVariance, ragStatus, readBudget } from "../../src/engine/variance";
import { Table } from "../../src/engine/table";

const budgetTable: Table = {
  headers: ["Budget line", "Annual budget", "Actual to date", "Forecast outturn", "Last month's forecast"],
  rows: [
    ["Placements", 24_000_000, 16_500_000, 26_400_000, 26_000_000],
    ["Agency social workers", "£3,000,000", 2_100_000, 3_090_000, null],
    ["SEN transport", 5_000_000, 3_000_000, 4_800_000, 4_900_000],
    ["High-needs block", 40_000_000, "twenty", 41_000_000, 40_500_000],
    [null, null, null, null, null],
  ],
};

describe("budget variance", () => {
  it("reads budget lines by their usual headers and rejects a row whose amount is text", () => {
    const result = readBudget(budgetTable);
    expect(result.records.map((r) => r.line)).toEqual(["Placements", "Agency social workers", "SEN transport"]);
    expect(result.rowsIn).toBe(4);
    expect(result.rowsRejected).toBe(1);
    expect(result.issues).toEqual([
      expect.objectContaining({ row: 5, column: "ACTUAL", action: "rejected", reason: expect.stringContaining("twenty") }),
    ]);
  });

  it("computes variance, percentage, movement and RAG per line and in total", () => {
    const report = budgetVariance(readBudget(budgetTable).records as ForecastBudgetLine[]);
    const [placements, agency, transport] = report.rows;
    expect(placements).toMatchObject({ variance: 2_400_000, variancePercent: 10, movement: 400_000, rag: "Red" });
    expect(agency).toMatchObject({ variance: 90_000, variancePercent: 3, movement: null, rag: "Amber" });
    expect(transport).toMatchObject({ variance: -200_000, variancePercent: -4, movement: -100_000, rag: "Green" });
    expect(report.total).toMatchObject({
      line: "Total",
      budget: 32_000_000,
      forecastOutturn: 34_290_000,
      variance: 2_290_000,
      actualToDate: 21_600_000,
      movement: 300_000,
    });
    expect(report.total.variancePercent).toBeCloseTo(7.15625, 10);
  });

  it("reads a blank forecast outturn as none given, for the engine to supply", () => {
    const result = readBudget({ headers: ["Budget line", "Budget", "Forecast outturn"], rows: [["LAC placements", 4_000_000, null]] });
    expect(result.records).toEqual([expect.objectContaining({ line: "LAC placements", forecastOutturn: null })]);
    expect(result.rowsRejected).toBe(0);
  });

  it("applies configurable thresholds, in percent and in pounds", () => {
    expect(ragStatus(40_000, 1_000_000, { amberPercent: 1, redPercent: 5 })).toBe("Amber");
    expect(ragStatus(40_000, 1_000_000, { amberPercent: 5, redPercent: 10 })).toBe("Green");
    expect(ragStatus(40_000, 1_000_000, { amberPercent: 5, redPercent: 10, redAmount: 25_000 })).toBe("Red");
    expect(ragStatus(1, 0)).toBe("Red");
    expect(ragStatus(0, 0)).toBe("Green");
  });
});
