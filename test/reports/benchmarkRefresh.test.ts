import { dayFromYmd } from "../../src/engine/dates";
import { generateSample } from "../../src/engine/sample";
import type { Cell, Table } from "../../src/engine/table";
import { BENCHMARK_TABLES } from "../../src/reports/benchmarkReport";
import { committeePackSheets } from "../../src/reports/committeePack";
import { refreshReports, saveSettings } from "../../src/reports/refresh";
import type { KeyValueBlock, NoteBlock, SheetSpec } from "../../src/workbook/spec";
import { FakeWorkbook, columnOf, tableOf } from "./fakeWorkbook";

const sample = generateSample({ children: 120, seed: 16, end: dayFromYmd(2024, 3, 31) });
const asCells = (table: Table): Cell[][] => [table.headers, ...table.rows];

function book(): FakeWorkbook {
  return new FakeWorkbook().addSheet("Episodes", asCells(sample.episodes)).addSheet("Children", asCells(sample.children)).addSheet("Unit costs", asCells(sample.unitCosts));
}

const BENCHMARKS: Cell[][] = [
  ["Area", "Type", "Year", "Rate per 10,000", "Agency foster care", "Private residential"],
  ["Neighbour A", "Neighbour", 2024, 48, "12%", "4%"],
  ["Neighbour B", "Neighbour", 2024, 62, "15%", "6%"],
  ["The region", "Region", 2024, 70, null, null],
];

function value(spec: SheetSpec | undefined, key: string): Cell | undefined {
  for (const block of spec?.blocks ?? []) if (block.kind === "keyValues") for (const pair of (block as KeyValueBlock).pairs) if (pair.key === key) return pair.value;
  return undefined;
}

const notes = (spec: SheetSpec | undefined) => (spec?.blocks ?? []).filter((b): b is NoteBlock => b.kind === "note").map((b) => b.text);

describe("LAC Benchmark in a refresh", () => {
  it("counts the same children in care as LAC Commitments and works the rates from the population in LAC Settings", async () => {
    const workbook = book().addSheet("Benchmarks", BENCHMARKS);
    const summary = await refreshReports(workbook, { childPopulation: 25_000 });
    expect(summary.failed).toEqual([]);
    const sheet = workbook.reports.get("LAC Benchmark");
    const commitments = workbook.reports.get("LAC Commitments");
    const stock = value(sheet, "Children in care on the as-at day") as number;
    expect(stock).toBeGreaterThan(0);
    expect(stock).toBe(value(commitments, "Placements open on the as-at day"));
    expect(value(sheet, "This council's rate per 10,000")).toBeCloseTo((stock / 25_000) * 10_000, 9);
    expect(value(sheet, "Neighbours' average rate (2 neighbours)")).toBe(55);
    expect(value(sheet, "Children at the neighbours' average rate")).toBeCloseTo(137.5, 9);
    expect(value(sheet, "Region's rate (The region)")).toBe(70);
    const mix = tableOf(sheet, BENCHMARK_TABLES.mix);
    expect(columnOf(mix, "Children").reduce((sum: number, n) => sum + (n as number), 0)).toBe(stock);
    expect(columnOf(mix, "This council").reduce((sum: number, n) => sum + (n as number), 0)).toBeCloseTo(1, 12);
    expect(tableOf(sheet, BENCHMARK_TABLES.moves).rows.length).toBe(2);
    expect(sheet?.blocks.some((b) => b.kind === "chart")).toBe(true);
    // It holds no child-level rows, so the committee pack carries it whole.
    const pack = committeePackSheets(summary.specs).find((s) => s.name === "LAC Benchmark");
    expect(pack).toEqual(sheet);
  });

  it("says in sentences what to add when there is no population and no Benchmarks table", async () => {
    const workbook = book();
    const summary = await refreshReports(workbook);
    expect(summary.failed).toEqual([]);
    const sheet = workbook.reports.get("LAC Benchmark");
    expect(notes(sheet)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Add the council's child population aged 0 to 17 in LAC Settings/), expect.stringMatching(/^No Benchmarks table was found/)]),
    );
    expect(value(sheet, "This council's rate per 10,000")).toBeUndefined();
    for (const block of sheet?.blocks ?? []) if (block.kind === "table") expect(block.rows.length).toBeGreaterThan(0);
  });

  it("reads the population from the LAC Settings sheet, and reports a Benchmarks row it cannot use on LAC Data Quality", async () => {
    const workbook = book().addSheet("Benchmarks", [...BENCHMARKS, ["Neighbour C", "County", 2024, 50, null, null]]);
    await saveSettings(workbook, { childPopulation: 30_000 });
    const summary = await refreshReports(workbook);
    expect(summary.settings.childPopulation).toBe(30_000);
    const sheet = workbook.reports.get("LAC Benchmark");
    expect(value(sheet, "Child population (0 to 17)")).toBe(30_000);
    const dq = JSON.stringify(workbook.reports.get("LAC Data Quality"));
    expect(dq).toContain('TYPE \\"County\\" is not Neighbour, Region or England');
  });
});
