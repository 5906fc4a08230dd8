import { dayFromYmd } from "../../src/engine/dates";
import { generateSample } from "../../src/engine/sample";
import { Cell, Table, fieldLabel } from "../../src/engine/table";
import { INPUTS } from "../../src/engine/inputs";
import { scenarioInputSheet } from "../../src/reports/scenarioInputSheet";
import { describeLocation, fieldColumns, locateInputs, missingColumns, reportSheetNames } from "../../src/taskpane/inputs";
import { FakeWorkbook } from "../reports/fakeWorkbook";

const sample = generateSample({ children: 20, seed: 3, end: dayFromYmd(2023, 12, 31) });
const cells = (table: Table): Cell[][] => [table.headers, ...table.rows];

describe("where the pane says each input comes from", () => {
  it("agrees with the refresh's own finding, and lists the tables the user can pick, not the add-in's reports", async () => {
    const book = new FakeWorkbook()
      .addSheet("Episodes", cells(sample.episodes))
      .addTable("Rates", "Unit_costs", sample.unitCosts)
      .addSheet("Kids", [["Child ref", "Born on"], ["A1", "2012-01-01"]]);
    await book.writeSheet({ name: "LAC Costs", title: "Costs", blocks: [{ kind: "table", name: "LAC_Costs_ByGroup", columns: [{ header: "CHILD", kind: "text" }], rows: [] }] });
    await book.writeSheet(scenarioInputSheet([]));

    const { locations, tables } = await locateInputs(book, { mappings: { Children: { DOB: "Born on" } } });
    const byKind = Object.fromEntries(locations.map((l) => [l.kind, describeLocation(l)]));
    expect(byKind).toEqual({
      Episodes: "Sheet Episodes",
      Children: "Sheet Kids",
      UASC: "Not found (optional)",
      "Unit costs": "Table Unit_costs on sheet Rates",
      Budget: "Not found (optional)",
      Scenarios: "Table Scenarios on sheet Scenarios",
      "Placement types": "Not found (optional)",
      "Placement review": "Not found (optional)",
      Benchmarks: "Not found (optional)",
    });
    const names = tables.map((t) => `${t.source} ${t.name}`);
    expect(names).toEqual(expect.arrayContaining(["sheet Episodes", "table Unit_costs", "sheet Kids", "table Scenarios"]));
    expect(names.some((n) => n.includes("LAC"))).toBe(false);
  });

  it("treats report sheets renamed in the settings as the add-in's", () => {
    expect([...reportSheetNames({ sheetNames: { costs: "Costs 2024" } })]).toEqual(expect.arrayContaining(["Costs 2024", "LAC Costs", "LAC Settings", "LAC Data Quality"]));
  });
});

describe("an input's columns", () => {
  const headers = ["Child ref", "Start", "Placement", "Finish", "Weekly rate"];

  it("finds each field by name or synonym, and a mapping names the rest", () => {
    expect(missingColumns("Episodes", headers)).toBe("missing column DEC (found: Child ref, Start, Placement, Finish, Weekly rate)");
    expect(missingColumns("Episodes", headers, { DEC: "Finish" })).toBeNull();
    const found = fieldColumns("Episodes", headers, { DEC: "Finish" });
    expect(found.filter((f) => f.header !== null).map((f) => `${f.field.name}=${f.header}`)).toEqual([
      "CHILD=Child ref",
      "DECOM=Start",
      "PLACE=Placement",
      "DEC=Finish",
      "WEEKLY_COST=Weekly rate",
    ]);
  });
});

describe("the column mapper's labels", () => {
  it("gives every coded field (DECOM, PLACE_PROVIDER, LINE) a plain label, with the code after it", () => {
    const coded = Object.values(INPUTS)
      .flatMap((input) => input.fields)
      .filter((field) => /^[A-Z][A-Z_]*$/.test(field.name) && field.name !== "FTE");
    expect(coded.length).toBeGreaterThan(20);
    for (const field of coded) expect({ field: field.name, label: fieldLabel(field) }).toEqual({ field: field.name, label: expect.stringMatching(new RegExp(`^[A-Z][a-z].* \\(${field.name}\\)$`)) });
    const episodes = INPUTS.Episodes.fields.map(fieldLabel);
    expect(episodes).toEqual(expect.arrayContaining(["Start date (DECOM)", "End date (DEC)", "Placement provider (PLACE_PROVIDER)", "Reason for new episode (RNE)"]));
    // Names that are already plain are shown as they are.
    expect(INPUTS.Scenarios.fields.map(fieldLabel)).toContain("Effective date");
  });
});
