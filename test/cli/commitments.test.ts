/**
 * The example workbook's commitments and high-cost review: `lac refresh` writes both sheets, the
 * commitments total is LAC.COMMITMENT summed over the open placements of the Episodes sheet, and
 * the slippage rises with the months slipped.
 */

import ExcelJS from "exceljs";
import { commitment } from "../../src/functions/functions";
import { refreshedExample, removeFolder, temporaryFolder } from "./helpers";

function plain(value: ExcelJS.CellValue): unknown {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (value !== null && typeof value === "object" && "result" in value) return plain(value.result as ExcelJS.CellValue);
  return value;
}

/** The rows of the table on a sheet whose header row starts with `firstHeader`, as objects by header. */
function tableRows(sheet: ExcelJS.Worksheet, firstHeader: string, occurrence = 0): Record<string, unknown>[] {
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1).map(plain)));
  const start = rows.map((r, i) => (r[0] === firstHeader ? i : -1)).filter((i) => i >= 0)[occurrence] ?? -1;
  if (start < 0) throw new Error(`no table headed "${firstHeader}" on ${sheet.name}`);
  const headers = rows[start] as string[];
  const out: Record<string, unknown>[] = [];
  for (const r of rows.slice(start + 1)) {
    if (r.length === 0 || r[0] === undefined || r[0] === null || r[0] === "Total") break;
    out.push(Object.fromEntries(headers.map((h, i) => [h, r[i]])));
  }
  return out;
}

function valueRightOf(sheet: ExcelJS.Worksheet, label: string): unknown {
  let found: unknown;
  sheet.eachRow((row) => {
    const values = (row.values as ExcelJS.CellValue[]).slice(1).map(plain);
    if (found === undefined && values[0] === label) found = values[1];
  });
  return found;
}

describe("the example's commitments and high-cost review", () => {
  let folder: string;
  let book: ExcelJS.Workbook;
  let stdout: string;

  beforeAll(async () => {
    folder = temporaryFolder();
    const run = await refreshedExample(folder);
    const refreshed = run.refreshed;
    stdout = run.stdout;
    book = new ExcelJS.Workbook();
    await book.xlsx.readFile(refreshed);
  });
  afterAll(() => removeFolder(folder));

  const sheet = (name: string) => book.getWorksheet(name) as ExcelJS.Worksheet;

  it("writes LAC Commitments and LAC High-Cost Placements", () => {
    expect(stdout).toMatch(/Wrote LAC Commitments \(/);
    expect(stdout).toMatch(/Wrote LAC High-Cost Placements \(/);
  });

  it("totals LAC.COMMITMENT over the Episodes sheet's open placements", () => {
    const asAt = valueRightOf(sheet("LAC Commitments"), "As at") as string;
    const total = valueRightOf(sheet("LAC Commitments"), "Commitments to 31 March") as number;
    const episodes = tableRows(sheet("Episodes"), "CHILD");
    const open = episodes.filter((e) => (e.DECOM as string) <= asAt && (e.DEC === null || e.DEC === undefined || (e.DEC as string) > asAt));
    const byPlacement = tableRows(sheet("LAC Commitments"), "Child");
    expect(byPlacement.map((p) => p.Child).sort()).toEqual(open.map((e) => String(e.CHILD)).sort());
    // Each placement's weekly cost is its own WEEKLY_COST, else the unit cost LAC Commitments shows.
    const weeklyOf = new Map(byPlacement.map((p) => [`${p.Child}|${p.Start}`, p["Weekly cost"] as number]));
    const planned = open.filter((e) => typeof e.PLANNED_END === "string");
    expect(planned.length).toBeGreaterThan(3);
    let sum = 0;
    for (const e of open) {
      const weekly = typeof e.WEEKLY_COST === "number" ? e.WEEKLY_COST : weeklyOf.get(`${e.CHILD}|${e.DECOM}`);
      const [[value]] = commitment([[weekly]], [[e.DECOM]], [[e.PLANNED_END ?? ""]], [[asAt]]) as number[][];
      sum += value;
    }
    expect(total).toBeCloseTo(sum, 4);
  });

  it("reports a placement whose planned end has passed at £0 rather than leaving it out", () => {
    const passed = tableRows(sheet("LAC Commitments"), "Child").filter((p) => p.Status === "planned end passed");
    expect(passed.length).toBeGreaterThan(0);
    expect(passed.every((p) => p["Commitment to 31 March"] === 0)).toBe(true);
  });

  it("costs more the further every planned end slips", () => {
    const slippage = tableRows(sheet("LAC Commitments"), "Months slipped");
    expect(slippage.map((s) => s["Months slipped"])).toEqual([1, 3, 6]);
    const extras = slippage.map((s) => s["Extra cost"] as number);
    expect(extras[0]).toBeGreaterThan(0);
    expect(extras[1]).toBeGreaterThan(extras[0]);
    expect(extras[2]).toBeGreaterThan(extras[1]);
  });

  it("lists the fifteen dearest placements with their net cost, and values the review tracker", () => {
    const top = tableRows(sheet("LAC High-Cost Placements"), "Child");
    expect(top).toHaveLength(15);
    const weekly = top.map((p) => p["Weekly cost"] as number);
    expect(weekly).toEqual([...weekly].sort((a, b) => b - a));
    for (const p of top) {
      expect(p["Net weekly cost"]).toBeCloseTo((p["Weekly cost"] as number) - (p["Health per week"] as number) - (p["Education per week"] as number), 6);
      expect(p["Annualised cost"]).toBeCloseTo((p["Weekly cost"] as number) * 52, 6);
    }
    expect(top.some((p) => (p["Health per week"] as number) > 0)).toBe(true);
    const review = sheet("LAC High-Cost Placements");
    const changes = tableRows(review, "Child", 1);
    expect(changes.map((c) => c.Saving)).toEqual(["worked out", "worked out", "worked out", "stated"]);
    expect(valueRightOf(review, "In-year saving if all timescales are met")).toBeGreaterThan(0);
  });
});
