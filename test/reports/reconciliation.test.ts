/**
 * One set of figures (docs/figures.md): every figure the refreshed example shows in more than one
 * place — the report sheets, the Budget sheet, the `lac refresh` summary that `npm start` prints,
 * and the pane's figures (headlineFigures) — is the same number.
 */

import ExcelJS from "exceljs";
import { headlineFigures, refreshReports } from "../../src/reports/refresh";
import { ExcelJsWorkbook } from "../../src/workbook/exceljs/excelJsWorkbook";
import { refreshedExample, removeFolder, temporaryFolder } from "../cli/helpers";

/** The number in the cell right of the first cell whose text is `label` (a key-value pair), on a sheet. */
function valueRightOf(sheet: ExcelJS.Worksheet, label: string | RegExp): number {
  let found: number | null = null;
  sheet.eachRow((row) =>
    row.eachCell((cell, column) => {
      const text = typeof cell.value === "string" ? cell.value : "";
      if (found === null && (typeof label === "string" ? text === label : label.test(text))) found = numberOf(row.getCell(column + 1).value);
    }),
  );
  if (found === null) throw new Error(`no "${label}" on ${sheet.name}`);
  return found;
}

function numberOf(value: ExcelJS.CellValue): number {
  if (typeof value === "number") return value;
  if (value !== null && typeof value === "object" && "result" in value && typeof value.result === "number") return value.result;
  throw new Error(`not a number: ${JSON.stringify(value)}`);
}

/** The value in the row of a table whose first column is "Budget line" (by that row's label) and column (by its header). */
function budgetLineCell(sheet: ExcelJS.Worksheet, line: string, header: string): number {
  let labelColumn = -1;
  let column = -1;
  let found: number | null = null;
  sheet.eachRow((row) => {
    if (labelColumn < 0) {
      row.eachCell((cell, c) => {
        if (cell.value === "Budget line") labelColumn = c;
      });
      if (labelColumn >= 0) row.eachCell((cell, c) => (column = cell.value === header ? c : column));
    } else if (found === null && row.getCell(labelColumn).value === line) {
      found = numberOf(row.getCell(column).value);
    }
  });
  if (found === null) throw new Error(`no ${line} × ${header} on ${sheet.name}`);
  return found;
}

describe("the refreshed example shows one number per figure", () => {
  let folder: string;
  let book: ExcelJS.Workbook;
  let printed: Map<string, number>;
  let pane: Map<string, number>;
  beforeAll(async () => {
    folder = temporaryFolder();
    const run = await refreshedExample(folder);
    const refreshed = run.refreshed;
    // "  Placements forecast outturn 2023-24: £4,762,947"
    printed = new Map([...run.stdout.matchAll(/^ {2}(.+): (-?)£([\d,]+)$/gm)].map((m) => [m[1], Number(`${m[2]}${m[3].replace(/,/g, "")}`)]));
    book = new ExcelJS.Workbook();
    await book.xlsx.readFile(refreshed);
    // The pane's figures: a refresh of the same workbook, as the pane runs it.
    const again = await ExcelJsWorkbook.open(refreshed);
    pane = new Map(headlineFigures(await refreshReports(again)).map((f) => [f.label, Math.round(f.value)]));
  });
  afterAll(() => removeFolder(folder));

  const sheet = (name: string) => book.getWorksheet(name) as ExcelJS.Worksheet;
  const figure = (pattern: RegExp) => {
    const entry = [...printed].find(([label]) => pattern.test(label));
    if (!entry) throw new Error(`lac refresh printed no figure like ${pattern}: ${[...printed.keys()].join("; ")}`);
    return entry[1];
  };

  it("prints the same figures as the pane shows", () => {
    expect(printed.size).toBeGreaterThanOrEqual(7);
    expect(pane).toEqual(printed);
  });

  it("LAC Costs' total is the printed LAC Costs total, and its spend to date the placements spend to date", () => {
    expect(Math.round(valueRightOf(sheet("LAC Costs"), "Total cost"))).toBe(figure(/^LAC Costs total/));
    expect(Math.round(valueRightOf(sheet("LAC Costs"), /^Of which spend to date/))).toBe(figure(/^Placements spend to date/));
    expect(Math.round(valueRightOf(sheet("LAC Costs"), /^Of which current placements/))).toBe(figure(/^Current placements continued/));
    expect(figure(/^Placements spend to date/) + figure(/^Current placements continued/)).toBeCloseTo(figure(/^LAC Costs total/), -1);
  });

  it("the placements line has one actual and one outturn on the Budget sheet, LAC Variance and the summary", () => {
    const spend = figure(/^Placements spend to date/);
    expect(Math.round(budgetLineCell(sheet("Budget"), "LAC placements", "Actual to date"))).toBe(spend);
    expect(Math.round(budgetLineCell(sheet("LAC Variance"), "LAC placements", "Actual to date"))).toBe(spend);
    const outturn = figure(/^Placements forecast outturn/);
    expect(Math.round(budgetLineCell(sheet("LAC Variance"), "LAC placements", "Forecast outturn"))).toBe(outturn);
    expect(outturn).toBeCloseTo(spend + figure(/^Placements forecast cost to 31 March/), -1);
    // The Budget sheet leaves the engine's line without a forecast of its own: there is no second outturn to disagree.
    expect(() => budgetLineCell(sheet("Budget"), "LAC placements", "Forecast outturn")).toThrow(/not a number/);
  });

  it("LAC Commitments' total is the printed commitments, and its spend to date the placements spend to date", () => {
    expect(Math.round(valueRightOf(sheet("LAC Commitments"), "Commitments to 31 March"))).toBe(figure(/^Commitments to 31 March/));
    expect(Math.round(valueRightOf(sheet("LAC Commitments"), "Spend to date"))).toBe(figure(/^Placements spend to date/));
    expect(figure(/^Commitments to 31 March/)).toBeLessThanOrEqual(figure(/^Current placements continued/));
  });

  it("LAC Variance's total variance is the printed budget variance", () => {
    expect(Math.round(valueRightOf(sheet("LAC Variance"), "Variance"))).toBe(figure(/^Budget variance/));
  });

  it("the forecast's cost to year end is close to the committed cost of the children in care (no child costed in a placement they left)", () => {
    const committed = figure(/^Current placements continued/);
    expect(Math.abs(figure(/^Placements forecast cost to 31 March/) - committed) / committed).toBeLessThan(0.1);
  });
});
