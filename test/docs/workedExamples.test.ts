/**
 * docs/functions.md says its worked examples "were computed by the functions themselves": here
 * they are computed again, so that a change to a figure fails until the page says the new one.
 * The single-cell examples are read off the page's table and run; LAC.COSTSUMMARY's example is
 * run on the episodes the page lists, and its spill compared with the page's; the forecast
 * examples are run on the committed example workbook, and the sentences quoting them must be on
 * the page word for word (the failure shows the sentence as it should read).
 */

import fs from "fs";
import path from "path";
import { errorOf, isExcelError } from "../functions/customFunctionsShim";
import { generateFunctions, implementationOf, REPO } from "../functions/harness";
import { excelSerialOfDay, formatUkDate } from "../../src/engine/dates";
import { Cell } from "../../src/engine/table";
import { ExcelJsWorkbook } from "../../src/workbook/exceljs/excelJsWorkbook";
import { costSummary, project, projectCost, targetMonth } from "../../src/functions/functions";

const PAGE = fs.readFileSync(path.join(REPO, "docs", "functions.md"), "utf8");
const omitted = null as unknown as undefined;
const cell = (value: unknown): unknown[][] => [[value]];

/** The arguments of a formula written with literals only: "text", numbers; null when it names a range. */
function literalArguments(text: string): unknown[] | null {
  const parts = text.match(/"[^"]*"|[^,]+/g) ?? [];
  const values: unknown[] = [];
  for (const raw of parts.map((p) => p.trim())) {
    if (raw.startsWith('"')) values.push(raw.slice(1, -1));
    else if (/^-?\d+(\.\d+)?$/.test(raw)) values.push(Number(raw));
    else return null;
  }
  return values;
}

/** Whether a result agrees with the page's: text the same; a number to the places the page gives ("52.2857…" to the digits shown). */
function agrees(result: unknown, quoted: string): boolean {
  if (typeof result !== "number") return String(result) === quoted;
  const digits = quoted.replace("…", "");
  const places = digits.includes(".") ? digits.split(".")[1].length : 0;
  if (quoted.endsWith("…")) return result.toString().startsWith(digits) || result.toFixed(places) === digits;
  return result.toFixed(places) === digits;
}

describe("docs/functions.md's worked examples", () => {
  it("gives, for each single-cell formula in its table of examples, the result the function returns", async () => {
    const { metadata, associations, namespace } = await generateFunctions();
    const examples = [...PAGE.matchAll(/^\| `=(\w+)\.(\w+)\((.*)\)` \| `([^`]*)`/gm)];
    let checked = 0;
    for (const [, space, name, argumentText, quoted] of examples) {
      const values = literalArguments(argumentText);
      if (space !== namespace || values === null) continue;
      const fn = implementationOf(associations, metadata.functions.find((f) => f.name === name)?.id ?? name);
      const result = (fn(...values.map(cell)) as unknown[][])[0][0];
      expect({ formula: `${name}(${argumentText})`, result, agrees: agrees(result, quoted) }).toEqual({ formula: `${name}(${argumentText})`, result, agrees: true });
      checked += 1;
    }
    expect(checked).toBeGreaterThanOrEqual(15);
  });

  it("shows the spill LAC.COSTSUMMARY gives for the episodes it lists", () => {
    const section = PAGE.slice(PAGE.indexOf("**`LAC.COSTSUMMARY`**"), PAGE.indexOf("## Errors"));
    const tables = [...section.matchAll(/((?:^\|.*\|\n)+)/gm)].map(([block]) =>
      block
        .trim()
        .split("\n")
        .filter((line) => !/^\|[-| ]+\|$/.test(line))
        .map((line) => line.slice(1, -1).split("|").map((c) => c.trim())),
    );
    const [episodes, spilled] = tables;
    const rows = episodes.map((row, r) => row.map((c): Cell => (r > 0 && c !== "" && /^\d+$/.test(c) ? Number(c) : c === "" ? null : c)));
    const children = [["CHILD", "DOB"], ...[...new Set(rows.slice(1).map((r) => r[0]))].map((child) => [child, "2012-06-01"])];
    const result = costSummary(rows, children, cell("2023-04-01"), cell("2024-03-31")) as unknown[][];
    const shown = (value: unknown, column: number) =>
      value === "" || value === null ? "" : typeof value === "number" ? (column === 4 ? String(value) : value.toLocaleString("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 })) : String(value);
    const width = spilled[0].length;
    expect(result.map((row) => row.slice(0, width).map(shown))).toEqual(spilled.map((row) => row.slice(0, width)));
  });

  describe("on examples/budget-monitoring.xlsx", () => {
    let tables: Record<string, Cell[][]>;
    beforeAll(async () => {
      const book = await ExcelJsWorkbook.fromBuffer(fs.readFileSync(path.join(REPO, "examples", "budget-monitoring.xlsx")));
      tables = {};
      for (const name of ["Episodes", "Children", "UnitCosts"]) {
        const table = await book.readTable(name);
        tables[name] = [table.headers, ...table.rows];
      }
    });
    const date = (serial: number) => formatUkDate(Math.round(serial) - excelSerialOfDay(0));
    const one = (n: number) => n.toFixed(1);
    const pounds = (n: number) => `£${Math.round(n).toLocaleString("en-GB")}`;

    it("quotes LAC.PROJECT's rows in both modes, and LAC.TARGETDATE on its spill", () => {
      const spill = project(tables.Episodes, tables.Children, cell(12), omitted, omitted, cell("2023-12-01")) as unknown[][];
      const rows = spill.slice(1).filter((row) => typeof row[0] === "number") as number[][];
      const [first, second] = rows;
      const last = rows[rows.length - 1];
      const reference = (project(tables.Episodes, tables.Children, cell(12), omitted, omitted, cell("2023-12-01"), cell("reference")) as unknown[][]).slice(1).filter((row) => typeof row[0] === "number") as number[][];
      const referenceLast = reference[reference.length - 1];
      expect(PAGE).toContain(
        `gives ${rows.length + 1} rows: the headers, then ${date(first[0])} with ${first[1]} in care (${first[4]} fostering, ${first[5]} residential,\n` +
          `${first[6]} supported, ${first[7]} other), then ${date(second[0])} with ${one(second[1])} (band ${one(second[2])}–${one(second[3])}), … and finally ${date(last[0])} with\n` +
          `${one(last[1])} (band ${one(last[2])}–${one(last[3])}). With \`"reference"\` as the 7th argument, ${date(referenceLast[0])} gives ${one(referenceLast[1])} (band\n` +
          `${one(referenceLast[2])}–${one(referenceLast[3])}).`,
      );
      const target = targetMonth(
        spill.slice(0, rows.length + 1).map((row) => [row[0]]),
        spill.slice(0, rows.length + 1).map((row) => [row[1]]),
        cell(85.9),
      );
      const shown = isExcelError(target) ? `\`${errorOf(target).code}\`` : date(target as number);
      expect(PAGE).toContain(`\`=LAC.TARGETDATE(A1:A${rows.length + 1}, B1:B${rows.length + 1}, 85.9)\` gives ${shown}`);
    });

    it("quotes LAC.PROJECTCOST's rows and total", () => {
      const spill = projectCost(tables.Episodes, tables.Children, tables.UnitCosts, cell(12), omitted, omitted, omitted, cell(0.03)) as unknown[][];
      const rows = spill.slice(1).filter((row) => typeof row[0] === "number") as number[][];
      const total = spill.find((row) => row[0] === "Total") as [string, string, number];
      const [first, second] = rows;
      const last = rows[rows.length - 1];
      expect(PAGE).toContain(
        `gives the headers and then one row per month: ${date(first[0])}, ${one(first[1])} children, ${pounds(first[2])}; ${date(second[0])}, ${one(second[1])},\n` +
          `${pounds(second[2])}; … ${date(last[0])}, ${one(last[1])}, ${pounds(last[2])}. The last row is Total: ${pounds(total[2])}.`,
      );
    });
  });
});
