import { dayFromYmd, excelSerialOfDay, formatUkDate } from "../../src/engine/dates";
import { dataLastDate, readEpisodes } from "../../src/engine/episodes";
import { readScenarios } from "../../src/engine/scenarios";
import { generateSample } from "../../src/engine/sample";
import type { Cell, Table } from "../../src/engine/table";
import { SCENARIO_INPUT_TABLE } from "../../src/reports/scenarioInputSheet";
import { addPresetScenario, ScenarioTableError } from "../../src/taskpane/scenarioPresets";
import { presetEffectiveDate } from "../../src/engine/scenarioPresets";
import { FakeWorkbook, columnOf, tableOf } from "../reports/fakeWorkbook";
import { refreshReports } from "../../src/reports/refresh";
import { SCENARIO_TABLES } from "../../src/reports/scenariosReport";

const sample = generateSample({ children: 120, seed: 17, end: dayFromYmd(2023, 12, 31) });
const cells = (table: Table): Cell[][] => [table.headers, ...table.rows];

function workbook(): FakeWorkbook {
  return new FakeWorkbook().addSheet("Episodes", cells(sample.episodes)).addSheet("Children", cells(sample.children)).addTable("Rates", "Unit_costs", sample.unitCosts);
}

/** The scenarios on the pane's sheet, read back as the refresh reads them. */
function scenariosOn(book: FakeWorkbook, sheet = "Scenarios") {
  const block = tableOf(book.reports.get(sheet), SCENARIO_INPUT_TABLE);
  const date = block.columns.findIndex((c) => c.kind === "date");
  // A date column of a spec holds engine Days; the workbook holds serials.
  const rows = block.rows.map((r) => r.map((c, j) => (j === date && typeof c === "number" ? excelSerialOfDay(c) : c)));
  return readScenarios({ headers: block.columns.map((c) => c.header), rows, firstRowNumber: 5 });
}

describe("adding a scenario preset", () => {
  it.each(["IFA → in-house foster care", "Reduce entries by 10%", "Agency social workers → permanent"] as const)(
    "values %s at once, with the figures LAC Scenarios shows after a refresh, in the year being monitored",
    async (preset) => {
      const book = workbook();
      const added = await addPresetScenario(book, preset, {});
      expect(added.error).toBeNull();
      const savings = added.savings!;
      // The data ends 31 December 2023: the preset takes effect inside 2023-24, so its in-year saving is that year's.
      expect(savings.financialYear).toBe("2023-24");
      await refreshReports(book);
      const summary = tableOf(book.reports.get("LAC Scenarios"), SCENARIO_TABLES.summary);
      const row = summary.rows.find((r) => r[0] === preset)!;
      const column = (header: string) => row[summary.columns.findIndex((c) => c.header === header)];
      expect(column("Financial year")).toBe(savings.financialYear);
      expect(column("Weekly saving")).toBeCloseTo(savings.weekly, 6);
      expect(column("Full-year saving")).toBeCloseTo(savings.fullYear, 6);
      expect(column("In-year saving")).toBeCloseTo(savings.inYear, 6);
    },
  );

  it("makes the Scenarios sheet on first use, with the preset's defaults drawn from the data", async () => {
    const book = workbook();
    const steps: string[] = [];
    const added = await addPresetScenario(book, "IFA → in-house foster care", {}, (step) => steps.push(step));
    expect(added).toEqual(expect.objectContaining({ added: true, sheet: "Scenarios", row: 6 }));
    expect(steps).toEqual(expect.arrayContaining(["Reading Episodes", "Reading Children", "Writing Scenarios"]));
    const read = scenariosOn(book);
    expect(read.issues).toEqual([]);
    expect(read.records).toEqual([expect.objectContaining({ kind: "Placement move", name: "IFA → in-house foster care", from: "IFA foster care", to: "in-house foster care" })]);
    const move = read.records[0] as { children: number; currentWeekly: number; newWeekly: number };
    expect(move.children).toBeGreaterThanOrEqual(1);
    expect(move.currentWeekly).toBeGreaterThan(move.newWeekly);
    if (added.added) expect(added.explanation.join(" ")).toMatch(/Children: 10%/);
  });

  it("adds each further preset below the rows there, keeping what the user changed", async () => {
    const book = workbook();
    await addPresetScenario(book, "Children's home → in-house foster care", {});
    // The user edits the number of children in the table.
    const block = tableOf(book.reports.get("Scenarios"), SCENARIO_INPUT_TABLE);
    block.rows[0][block.columns.findIndex((c) => c.header === "Children")] = 3;
    const added = await addPresetScenario(book, "Agency social workers → permanent", {});
    expect(added).toEqual(expect.objectContaining({ added: true, sheet: "Scenarios", row: 7 }));
    const read = scenariosOn(book);
    expect(read.records.map((s) => s.name)).toEqual(["Children's home → in-house foster care", "Agency social workers → permanent"]);
    expect(read.records[0]).toEqual(expect.objectContaining({ children: 3 }));
    expect(read.records[1]).toEqual(expect.objectContaining({ kind: "Workforce", fte: 5, currentCostPerFte: 86_580, newCostPerFte: 52_000 }));
  });

  it("stops, and changes nothing, when a row the user typed cannot be read", async () => {
    const book = workbook();
    await addPresetScenario(book, "Reduce entries by 10%", {});
    const block = tableOf(book.reports.get("Scenarios"), SCENARIO_INPUT_TABLE);
    block.rows[0][block.columns.findIndex((c) => c.header === "Kind")] = "Wishful thinking";
    const before = structuredClone(book.reports.get("Scenarios"));
    const writes = book.writes;
    await expect(addPresetScenario(book, "Increase reunification by 20%", {})).rejects.toThrow(ScenarioTableError);
    await expect(addPresetScenario(book, "Increase reunification by 20%", {})).rejects.toThrow(/1 row that cannot be read \(row \d+: Kind "Wishful thinking" is not one of .*\)\. Correct it there/);
    expect(book.reports.get("Scenarios")).toEqual(before);
    expect(book.writes).toBe(writes);
  });

  it("never writes into a Scenarios table of the user's: it gives the row to add, under the user's own headers", async () => {
    const mine: Table = { headers: ["Scenario name", "Type", "Effective from", "Entries change", "Notes"], rows: [["Edge of care", "Demand change", "2024-06-01", "-5%", "Board paper"]] };
    const book = workbook().addTable("Plans", "Scenarios", mine);
    const writes = book.writes;
    const added = await addPresetScenario(book, "Reduce entries by 10%", {});
    expect(book.writes).toBe(writes);
    // Inside the year being monitored (presetEffectiveDate): the data ends 31 December 2023.
    const effective = presetEffectiveDate(dataLastDate(readEpisodes(sample.episodes).records) as number).day;
    expect(added).toEqual(
      expect.objectContaining({ added: false, where: 'table "Scenarios" on sheet "Plans"', headers: mine.headers, cells: ["Reduce entries by 10%", "Demand change", formatUkDate(effective), "-10%", ""] }),
    );
  });

  it("leaves a sheet of the user's called Scenarios alone, and keeps its own beside it", async () => {
    const book = workbook().addSheet("Scenarios", [["Ideas for next year"], ["more foster carers"]]);
    const added = await addPresetScenario(book, "Reduce entries by 10%", {});
    expect(added).toEqual(expect.objectContaining({ added: true, sheet: "Scenarios (2)" }));
    expect(book.userSheets.get("Scenarios")?.cells).toEqual([["Ideas for next year"], ["more foster carers"]]);
    expect(columnOf(tableOf(book.reports.get("Scenarios (2)"), SCENARIO_INPUT_TABLE), "Scenario")).toEqual(["Reduce entries by 10%"]);
  });

  it("says where the episodes should come from when there are none", async () => {
    await expect(addPresetScenario(new FakeWorkbook(), "IFA → in-house foster care", {})).rejects.toThrow(/no Episodes table was found: import the SSDA903 episodes file in the Data section/);
  });
});
