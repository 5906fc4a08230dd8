/**
 * Savings at a click: every row of a Scenarios table (here the user's own) valued by the pane
 * without a refresh, and after a row is changed or added, with the figures LAC Scenarios shows
 * once the report is refreshed. The pane only reads the table.
 */

import { dayFromYmd } from "../../src/engine/dates";
import { generateSample } from "../../src/engine/sample";
import type { Cell, Table } from "../../src/engine/table";
import { refreshReports } from "../../src/reports/refresh";
import { SCENARIO_TABLES } from "../../src/reports/scenariosReport";
import type { ReportSettings } from "../../src/reports/settings";
import { ScenarioFigures, ScenarioValuer } from "../../src/taskpane/scenarioFigures";
import { FakeWorkbook, tableOf } from "../reports/fakeWorkbook";

const sample = generateSample({ children: 120, seed: 17, end: dayFromYmd(2023, 12, 31) });
const cells = (table: Table): Cell[][] => [table.headers, ...table.rows];

const HEADERS = ["Scenario", "Kind", "From", "To", "Children", "Current weekly cost", "New weekly cost", "Effective date", "Entries change %", "FTE", "Current cost per FTE", "New cost per FTE"];
/** The user's own table: a placement move, a demand change, a workforce change and a row that cannot be read. */
function plans(): Table {
  return {
    headers: HEADERS,
    rows: [
      ["Step down two", "Placement move", "Children's home", "In-house fostering", 2, 5200, 900, "01/02/2024", null, null, null, null],
      ["Edge of care", "Demand change", null, null, null, null, null, "01/01/2024", "-5%", null, null, null],
      ["Permanent social workers", "Workforce", null, null, null, null, null, "01/03/2024", null, 3, 86_000, 52_000],
      ["Wishful thinking", "Miracle", null, null, null, null, null, "01/01/2024", null, null, null, null],
    ],
  };
}

function workbook(): { book: FakeWorkbook; table: Table } {
  const table = plans();
  const book = new FakeWorkbook()
    .addSheet("Episodes", cells(sample.episodes))
    .addSheet("Children", cells(sample.children))
    .addTable("Rates", "Unit_costs", sample.unitCosts)
    .addTable("Plans", "Scenarios", table);
  return { book, table };
}

/** LAC Scenarios' summary after a refresh, by scenario: financial year, weekly, full-year and in-year saving. */
async function refreshedFigures(book: FakeWorkbook, settings: ReportSettings): Promise<Map<string, Cell[]>> {
  await refreshReports(book, settings);
  const summary = tableOf(book.reports.get("LAC Scenarios"), SCENARIO_TABLES.summary);
  const column = (header: string) => summary.columns.findIndex((c) => c.header === header);
  const wanted = ["Financial year", "Weekly saving", "Full-year saving", "In-year saving"].map(column);
  return new Map(summary.rows.map((r) => [String(r[0]), wanted.map((j) => r[j])]));
}

function shown(figures: ScenarioFigures | null): Map<string, Cell[]> {
  const valued = (figures?.rows ?? []).filter((r) => r.savings !== null);
  return new Map(valued.map((r) => [r.scenario.name, [r.savings!.financialYear, r.savings!.weekly, r.savings!.fullYear, r.savings!.inYear]]));
}

function expectSameFigures(actual: Map<string, Cell[]>, expected: Map<string, Cell[]>): void {
  expect([...actual.keys()]).toEqual([...expected.keys()]);
  for (const [name, [year, ...amounts]] of expected) {
    const [shownYear, ...shownAmounts] = actual.get(name)!;
    expect({ name, year: shownYear }).toEqual({ name, year });
    amounts.forEach((amount, i) => expect(shownAmounts[i] as number).toBeCloseTo(amount as number, 6));
  }
}

describe("the pane's figures for each Scenarios row", () => {
  it.each([{}, { weeksPerYear: 52.14, forecast: { months: 18 } }] as ReportSettings[])(
    "are those LAC Scenarios shows after a refresh, without writing anything (settings %j)",
    async (settings) => {
      const { book } = workbook();
      const valuer = new ScenarioValuer(book, settings);
      const figures = await valuer.value();
      expect(book.writes).toBe(0);
      expect(figures).toEqual(expect.objectContaining({ where: 'table "Scenarios" on sheet "Plans"', monitoredYear: "2023-24", problem: null }));
      expect(figures!.rows.map((r) => r.scenario.name)).toEqual(["Step down two", "Edge of care", "Permanent social workers"]);
      expect(figures!.rows.every((r) => r.error === null)).toBe(true);
      expect(figures!.unread).toEqual([{ row: 5, reason: expect.stringContaining('Kind "Miracle" is not one of') }]);
      expectSameFigures(shown(figures), await refreshedFigures(book, settings));
    },
  );

  it("follows a row the user changes and a row the user adds, reading only the Scenarios table again", async () => {
    const { book, table } = workbook();
    const valuer = new ScenarioValuer(book, {});
    const before = shown(await valuer.value());

    // The user types 3 children instead of 2, and adds a row below the table.
    table.rows[0][HEADERS.indexOf("Children")] = 3;
    table.rows.push(["IFA to in-house", "Placement move", "IFA", "In-house fostering", 4, 1000, 750, "01/10/2024", null, null, null, null]);
    const read: string[] = [];
    const readTable = book.readTable.bind(book);
    book.readTable = (source, options) => {
      read.push(JSON.stringify(source));
      return readTable(source, options);
    };
    const after = await valuer.value();
    expect(read).toEqual([JSON.stringify({ table: "Scenarios" })]);
    const figures = shown(after);
    expect(figures.get("Step down two")![2]).toBeCloseTo(((before.get("Step down two")![2] as number) * 3) / 2, 6);
    // Taking effect in 2024-25, after the year being monitored: its in-year saving is that year's, as LAC Scenarios says.
    expect(figures.get("IFA to in-house")![0]).toBe("2024-25");
    expect(after!.monitoredYear).toBe("2023-24");
    book.readTable = readTable;
    expectSameFigures(figures, await refreshedFigures(book, {}));
  });

  it("says so when the workbook has no Scenarios table, and when a row cannot be valued", async () => {
    const book = new FakeWorkbook().addTable("Plans", "Scenarios", {
      headers: HEADERS,
      rows: [["Edge of care", "Demand change", null, null, null, null, null, "01/01/2024", "-5%", null, null, null]],
    });
    const figures = await new ScenarioValuer(book, {}).value();
    expect(figures!.monitoredYear).toBeNull();
    expect(figures!.rows).toEqual([expect.objectContaining({ savings: null, error: expect.stringMatching(/\S/) })]);
    expect(await new ScenarioValuer(new FakeWorkbook(), {}).value()).toBeNull();
  });
});
