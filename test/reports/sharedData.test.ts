import * as fs from "fs";
import * as path from "path";
import { sampleUnitCosts } from "../../src/engine/sample";
import { Cell, Table } from "../../src/engine/table";
import { DATA_QUALITY_TABLES } from "../../src/reports/dataQualityReport";
import { refreshReports } from "../../src/reports/refresh";
import { parseCsv } from "../../src/workbook/csv";
import { FakeWorkbook, columnOf, tableOf } from "./fakeWorkbook";

/** Public synthetic SSDA903 data kept beside the repository; the project must work without it. */
const SHARED = path.resolve(__dirname, "..", "..", "..", "shared", "data");
const present = fs.existsSync(path.join(SHARED, "ssda903-sf-sample")) && fs.existsSync(path.join(SHARED, "ssda903-d2i-fake"));
if (!present) console.log(`test/reports/sharedData.test.ts: skipped, ${SHARED} is absent`);
const describeShared = present ? describe : describe.skip;

function csv(dataset: string, file: string): Table {
  return parseCsv(fs.readFileSync(path.join(SHARED, dataset, file), "utf8"));
}

function cells(table: Table): Cell[][] {
  return [table.headers, ...table.rows];
}

describeShared("refreshing a workbook of public SSDA903 samples (no WEEKLY_COST: costed from unit costs)", () => {
  it.each(["ssda903-d2i-fake", "ssda903-sf-sample"])("%s: every report is written and every input row is accounted for", async (dataset) => {
    const episodes = csv(dataset, "episodes.csv");
    const workbook = new FakeWorkbook()
      .addSheet("Episodes", cells(episodes))
      .addSheet("Children", cells(csv(dataset, "header.csv")))
      .addSheet("UASC", cells(csv(dataset, "uasc.csv")))
      .addSheet("Unit costs", cells(sampleUnitCosts()));
    const summary = await refreshReports(workbook);
    expect(summary.failed).toEqual([]);
    expect(summary.written).toHaveLength(8);
    const dq = workbook.reports.get("LAC Data Quality");
    const inputs = tableOf(dq, DATA_QUALITY_TABLES.inputs);
    expect(columnOf(inputs, "Balances").every((b) => b === "Yes")).toBe(true);
    const episodesRow = inputs.rows[0];
    expect(episodesRow.slice(0, 3)).toEqual(["Episodes", 'sheet "Episodes"', episodes.rows.filter((r) => r.some((c) => c !== null && c !== "")).length]);
    // Every episode row reported is a line of the file (the header is line 1).
    // With no row rejected or corrected, the sheet says so in a sentence instead of the table.
    const rowsTable = dq?.blocks.some((b) => b.kind === "table" && b.name === DATA_QUALITY_TABLES.issues) ? tableOf(dq, DATA_QUALITY_TABLES.issues) : null;
    if (rowsTable === null) expect(dq?.blocks).toContainEqual({ kind: "note", text: "No row was rejected, corrected or noted.", style: "normal" });
    const issues = (rowsTable?.rows ?? []).filter((r) => r[0] === "Episodes");
    expect(issues.every((r) => (r[1] as number) >= 2 && (r[1] as number) <= episodes.rows.length + 1)).toBe(true);
    expect(summary.totals.costs).toBeGreaterThan(0);
    expect(summary.totals.forecastEnd).toBeGreaterThan(0);
  });
});
