import { FakeExcel, FakeSheet, OfficeMockObject, OfficeObject } from "./excelMock";
import { resolveColumns } from "../../src/engine/table";
import { EPISODE_FIELDS } from "../../src/engine/episodes";
import { columnWidthPoints, ExcelRun, INCOMPLETE_BANNER, OfficeWorkbook } from "../../src/workbook/office/officeWorkbook";
import { sheetNameFingerprint } from "../../src/workbook/ownership";
import { WorkbookError } from "../../src/workbook/port";
import { EXCEL_REQUEST_LIMIT_BYTES } from "../../src/workbook/requests";
import type { SheetSpec } from "../../src/workbook/spec";
import { costsSpec, episodesSpec, HOSTILE_TEXT, hostileSpec, varianceSpec } from "./fixtures";

function workbook(host: FakeExcel, options = {}): OfficeWorkbook {
  return new OfficeWorkbook(host.run as ExcelRun, options);
}

/** One sheet of the workbook's snapshot, as text. */
function sheetSnapshot(host: FakeExcel, name: string): string {
  return JSON.stringify((host.snapshot() as { sheets: { name: string }[] }).sheets.find((s) => s.name === name));
}

async function failure(promise: Promise<unknown>): Promise<WorkbookError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(WorkbookError);
    return error as WorkbookError;
  }
  throw new Error("expected the call to fail");
}

describe("the fake Excel the Office tests run against", () => {
  it("runs text written without the Text format as a formula and turns digits into numbers, as Excel does", async () => {
    const host = new FakeExcel();
    await host.run(async (context: OfficeObject) => {
      const range = context.workbook.worksheets.getItem("Sheet1").getRange("A1:C1");
      range.values = [['=HYPERLINK("http://x","y")', "00123", "plain"]];
      await context.sync();
    });
    expect(host.cell("Sheet1", "A1")).toBe('=HYPERLINK("http://x","y")');
    expect(host.sheet("Sheet1")?.cells.get("A1")?.formula).toBeDefined();
    expect(host.cell("Sheet1", "B1")).toBe(123);
  });

  it("turns a formula pointing into a deleted sheet into #REF!, which a new sheet of the same name does not mend", async () => {
    const host = new FakeExcel(["Summary", "LAC Costs"]);
    host.refer("Summary", "A1", { sheet: "LAC Costs", address: "C12" });
    expect(host.cell("Summary", "A1")).toBe("='LAC Costs'!C12");
    host.sheet("LAC Costs")!.name = "Costs March";
    expect(host.cell("Summary", "A1")).toBe("='Costs March'!C12");
    await host.run(async (context: OfficeObject) => {
      context.workbook.worksheets.getItem("Costs March").delete();
      context.workbook.worksheets.add("Costs March");
      await context.sync();
    });
    expect(host.cell("Summary", "A1")).toBe("=#REF!");
    expect(host.referredSheet("Summary", "A1")).toBeNull();
  });

  it("gives nothing for a property read before load and sync (office-addin-mock)", async () => {
    const host = new FakeExcel();
    await host.run(async (context: OfficeObject) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      expect(sheet.name).toMatch(/not loaded/);
      sheet.load("name");
      expect(sheet.name).toMatch(/sync\(\) was not called/);
      await context.sync();
      expect(sheet.name).toBe("Sheet1");
    });
  });
});

describe("OfficeWorkbook's fan chart", () => {
  it("gives each series of a fan its line: the forecast bold, the percentile pairs one shade each, the median dashed", async () => {
    const host = new FakeExcel(["Budget"]);
    const spec = costsSpec(5);
    const fan = ["Total £", "Time (weeks)", "Avg cost/week", "Time (weeks)", "Avg cost/week"];
    await workbook(host).writeSheet({ ...spec, blocks: spec.blocks.map((b) => (b.kind === "chart" ? { ...b, chart: { ...b.chart, type: "line", series: fan, fan: true } } : b)) });
    const lines = host.sheet("LAC Costs")!.charts[0].series.map((s) => s.line);
    expect(lines).toHaveLength(5);
    expect(lines[0]?.weight).toBeGreaterThan(lines[1]?.weight ?? Infinity);
    expect(lines[1]?.color).toBe(lines[2]?.color);
    expect(lines[4]?.lineStyle).toBe("Dash");
    expect(lines[3]?.lineStyle).toBe("Continuous");
  });
});

describe("OfficeWorkbook.writeSheet", () => {
  it("puts each spec in its own sheet with its values, number formats, tables, totals, fonts, widths and chart", async () => {
    const host = new FakeExcel(["Budget"]);
    const book = workbook(host);
    await book.writeSheet(costsSpec(5));
    await book.writeSheet(hostileSpec());
    expect(host.sheets.map((s) => s.name)).toEqual(["Budget", "LAC Costs", "LAC Data Quality"]);
    expect(host.sheets.every((s) => s.visibility === "Visible")).toBe(true);

    const costs = host.sheet("LAC Costs")!;
    expect(host.cell("LAC Costs", "A1")).toBe("Placement costs 2023-24");
    expect(costs.lookAt("A1")).toMatchObject({ "font.name": "Calibri", "font.bold": true, "font.size": 16 });
    expect(host.cell("LAC Costs", "A9")).toBe("Placement group");
    expect(host.cell("LAC Costs", "B10")).toBe(5000);
    expect(costs.cells.get("B10")?.format).toBe('"£"#,##0');
    expect(costs.cells.get("C10")?.format).toBe('#,##0.0 "wks"');
    expect(costs.cells.get("E10")).toEqual({ value: 45017, format: "dd/mm/yyyy" });
    expect(host.cell("LAC Costs", "A15")).toBe("Total");
    expect(host.cell("LAC Costs", "B15")).toBe("=SUBTOTAL(109,LAC_Costs_ByGroup[Total £])");
    expect(costs.cells.get("B15")?.format).toBe('"£"#,##0');
    expect(host.cell("LAC Costs", "D15")).toBe('=IFERROR(B15/C15,"")');
    expect(costs.cells.get("D15")?.format).toBe('"£"#,##0.00');
    const table = host.tables.find((t) => t.name === "LAC_Costs_ByGroup")!;
    expect(table).toMatchObject({ sheet: costs, showTotals: true, style: "TableStyleMedium2", showFilterButton: false, rect: { top: 8, left: 0, bottom: 14, right: 4 } });
    // The header row drawn on its cells, the number headers over their figures, the totals ruled off.
    expect(costs.lookAt("A9")).toMatchObject({ "font.bold": true, "font.color": "#000000", "fill.color": "#DDEBF7", "border.EdgeBottom.style": "Continuous", wrapText: true });
    expect(costs.lookAt("A9").horizontalAlignment).toBe("Left");
    expect(costs.lookAt("B9")).toMatchObject({ horizontalAlignment: "Right" });
    expect(costs.lookAt("D15")).toMatchObject({ "font.bold": true, "border.EdgeTop.style": "Continuous" });
    expect(costs.lookAt("B12")).toEqual({ "font.name": "Calibri", "font.size": 11 });
    expect(costs.widths.get(0)).toBe(columnWidthPoints(26));
    expect(costs.page).toEqual({
      orientation: "Landscape",
      paperSize: "A4",
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      leftMargin: 50.4,
      rightMargin: 50.4,
      topMargin: 54,
      bottomMargin: 54,
      headerMargin: 21.6,
      footerMargin: 21.6,
    });
    // The data quality sheet ends with its only table: its header repeats on every printed page.
    expect(host.sheet("LAC Data Quality")!.page.printTitleRows).toBe("$3:$3");
    expect(costs.charts).toEqual([
      { type: "ColumnClustered", title: "Cost by placement group", legend: false, position: ["A17", "H34"], series: [{ name: "Total £", values: "B10:B14", categories: "A10:A14" }] },
    ]);
    // The chart's area holds no cells: the chart sits there.
    expect(host.cell("LAC Costs", "A17")).toBeNull();
    expect(costs.lookAt("A36")).toEqual({ "font.name": "Calibri", "font.size": 11, "font.bold": true, "font.color": "#C00000" });
    // The warning is one line within the table's width: it runs on over the empty cells to its right.
    expect(costs.merges).toEqual([]);
    // Each mark carries the fingerprint of the name the add-in gave its sheet; no write is left marked as under way.
    expect(host.names.map((n) => [n.name, n.sheet?.name, n.address])).toEqual([
      [`LAC_OWNED_1_${sheetNameFingerprint("LAC Costs")}`, "LAC Costs", "A1"],
      [`LAC_OWNED_2_${sheetNameFingerprint("LAC Data Quality")}`, "LAC Data Quality", "A1"],
    ]);
  });

  it("sets the page up for printing and text beside figures in (ExcelApi 1.9, which the manifest requires)", async () => {
    const spec: SheetSpec = {
      name: "LAC Inputs",
      blocks: [{ kind: "table", name: "LAC_Inputs", columns: [{ header: "Input", kind: "text" }, { header: "Rows", kind: "integer" }, { header: "Status", kind: "text" }], rows: [["Episodes", 661, "Read"]] }],
    };
    const host = new FakeExcel();
    await workbook(host).writeSheet(spec);
    expect(host.sheet("LAC Inputs")!.page).toMatchObject({ orientation: "Landscape", printTitleRows: "$1:$1" });
    expect(host.sheet("LAC Inputs")!.lookAt("C2")).toEqual({ "font.name": "Calibri", "font.size": 11, horizontalAlignment: "Left", indentLevel: 1 });
  });

  it("writes text from the data as text, never as a formula: =HYPERLINK arrives as the string it was", async () => {
    const host = new FakeExcel();
    await workbook(host).writeSheet(hostileSpec());
    const sheet = host.sheet("LAC Data Quality")!;
    HOSTILE_TEXT.forEach((text, i) => {
      const cell = sheet.cells.get(`B${4 + i}`)!;
      expect(cell).toEqual({ value: text, format: "@" });
    });
    expect([...sheet.cells.values()].filter((c) => c.formula !== undefined)).toEqual([]);
    expect(host.cell("LAC Data Quality", "A12")).toBe("=2+2 is how the file had it");
  });

  it("makes the same number of round trips for 10 rows as for 10,000, writing a new sheet or refreshing one, its request of formats no heavier", async () => {
    const counts: number[] = [];
    const formatBytes: number[] = [];
    for (const rows of [10, 10_000]) {
      const host = new FakeExcel();
      const book = workbook(host, { supports: () => true });
      const report = await book.writeSheet(costsSpec(rows));
      formatBytes.push(host.requests[host.requests.length - 1].bytes);
      expect(host.sheet("LAC Costs")?.cells.get(`A${10 + rows - 1}`)?.value).toBe(`${["Agency Foster Care out LA", "LA Foster Care in LA", "Agency Residential out LA", "LA Residential in LA", "Semi-Independence"][(rows - 1) % 5]} ${rows - 1}`);
      expect(report.requests).toBe(host.syncs);
      // The refresh in place: the sheet's tables fitted to 3 more rows, its chart drawn again.
      const refresh = await book.writeSheet(costsSpec(rows + 3));
      counts.push(report.requests, refresh.requests);
    }
    expect(counts).toEqual([4, 4, 4, 4]);
    // Looks are set per range: only the row numbers in the addresses grow.
    expect(Math.abs(formatBytes[1] - formatBytes[0])).toBeLessThan(200);
    expect(formatBytes[1]).toBeLessThan(20_000);
  });

  it("splits a 50,000-row write into requests of under 5 MB each", async () => {
    const host = new FakeExcel();
    const report = await workbook(host).writeSheet(episodesSpec(50_000));
    const sizes = host.requests.map((r) => r.bytes);
    expect(sizes.length).toBeGreaterThan(4);
    expect(Math.max(...sizes)).toBeLessThan(EXCEL_REQUEST_LIMIT_BYTES);
    // The adapter's own estimate is close to what the fake measured.
    expect(report.largestRequestBytes).toBeGreaterThan(0.9 * Math.max(...sizes));
    expect(host.cell("LAC Episodes", "A50001")).toBe("149999");
    expect(host.cell("LAC Episodes", "A2")).toBe("100000");
  });

  it.each([
    ["fitting the tables to their rows (ExcelApi 1.13)", true],
    ["adding the tables afresh", false],
  ])("leaves a second identical write without effect, %s", async (_, api113) => {
    const host = new FakeExcel(["Budget"]);
    const book = workbook(host, { supports: (_set: string, version: string) => version !== "1.13" || api113 });
    await book.writeSheet(costsSpec(20));
    await book.writeSheet(hostileSpec());
    const once = JSON.stringify(host.snapshot());
    await book.writeSheet(costsSpec(20));
    await book.writeSheet(hostileSpec());
    expect(JSON.stringify(host.snapshot())).toBe(once);
  });

  it("replaces an owned sheet in its place, and keeps it active if it was", async () => {
    const host = new FakeExcel(["Budget", "Notes"]);
    const book = workbook(host);
    await book.writeSheet(costsSpec(3));
    host.sheets.splice(1, 0, host.sheets.splice(2, 1)[0]);
    host.active = host.sheet("LAC Costs")!;
    const report = await book.writeSheet(costsSpec(8));
    expect(report.replaced).toBe(true);
    expect(host.sheets.map((s) => s.name)).toEqual(["Budget", "LAC Costs", "Notes"]);
    expect(host.active.name).toBe("LAC Costs");
    expect(host.cell("LAC Costs", "A17")).toBe("Agency Residential out LA 7");
  });

  it("keeps a report the user hid hidden when it is refreshed", async () => {
    const host = new FakeExcel(["Budget"]);
    const book = workbook(host);
    await book.writeSheet(costsSpec(3));
    host.sheet("LAC Costs")!.visibility = "Hidden";
    await book.writeSheet(costsSpec(4));
    expect(host.sheet("LAC Costs")?.visibility).toBe("Hidden");
    expect(await book.listSheets()).toContainEqual({ name: "LAC Costs", owned: true, visible: false });
  });

  it("never writes to a sheet of the user's with the same name, and suggests another name", async () => {
    const host = new FakeExcel(["Budget", "LAC Costs"]);
    host.sheet("LAC Costs")!.cells.set("A1", { value: "my own notes", format: "General" });
    const before = JSON.stringify(host.snapshot());
    const book = workbook(host);
    const error = await failure(book.writeSheet(costsSpec(5)));
    expect(error.code).toBe("not-owned");
    expect(error.suggestedName).toBe("LAC Costs (2)");
    expect(error.message).toMatch(/left alone/);
    expect(JSON.stringify(host.snapshot())).toBe(before);
    expect(host.syncs).toBe(1);
    await book.writeSheet({ ...costsSpec(5), name: error.suggestedName! });
    expect(host.cell("LAC Costs", "A1")).toBe("my own notes");
    expect(await book.isOwned("LAC Costs")).toBe(false);
    expect(await book.isOwned("LAC Costs (2)")).toBe(true);
  });

  it("leaves alone a report the user renamed to keep: it is theirs, and a fresh report is written beside it under a free table name", async () => {
    const host = new FakeExcel(["Budget"]);
    const book = workbook(host, { supports: () => true });
    await book.writeSheet(costsSpec(3));
    const kept = host.sheet("LAC Costs")!;
    kept.name = "Costs March";
    host.referToTable("Budget", "A1", "LAC_Costs_ByGroup", "Total £");
    const keptBefore = sheetSnapshot(host, "Costs March");
    expect(await book.isOwned("Costs March")).toBe(false);

    await book.writeSheet(costsSpec(5));
    expect(host.sheets.map((s) => s.name)).toEqual(["Budget", "Costs March", "LAC Costs"]);
    expect(sheetSnapshot(host, "Costs March")).toBe(keptBefore);
    expect(host.tables.map((t) => [t.name, t.sheet.name])).toEqual([
      ["LAC_Costs_ByGroup", "Costs March"],
      ["LAC_Costs_ByGroup_2", "LAC Costs"],
    ]);
    expect(host.cell("LAC Costs", "B15")).toBe("=SUBTOTAL(109,LAC_Costs_ByGroup_2[Total £])");
    // The user's formula still reads the copy they kept; the kept sheet's mark is gone.
    expect(host.cell("Budget", "A1")).toBe("=SUM(LAC_Costs_ByGroup[Total £])");
    expect(host.names.map((n) => n.sheet?.name)).toEqual(["LAC Costs"]);
    expect(await book.listSheets()).toEqual([
      { name: "Budget", owned: false, visible: true },
      { name: "Costs March", owned: false, visible: true },
      { name: "LAC Costs", owned: true, visible: true },
    ]);

    // The fresh report keeps its table's name from one refresh to the next.
    await book.writeSheet(costsSpec(8));
    expect(host.tables.map((t) => t.name)).toEqual(["LAC_Costs_ByGroup", "LAC_Costs_ByGroup_2"]);
    expect(host.cell("LAC Costs", "B18")).toBe("=SUBTOTAL(109,LAC_Costs_ByGroup_2[Total £])");
  });

  it("never gives a table a name one of the workbook's defined names holds: Excel refuses it", async () => {
    const host = new FakeExcel(["Budget"]);
    host.names.push({ name: "LAC_Costs_ByGroup", sheet: null, address: "Budget!A1", comment: "" });
    const book = workbook(host, { supports: () => true });
    await book.writeSheet(costsSpec(3));
    expect(host.tables.map((t) => t.name)).toEqual(["LAC_Costs_ByGroup_2"]);
    expect(host.cell("LAC Costs", "B13")).toBe("=SUBTOTAL(109,LAC_Costs_ByGroup_2[Total £])");
    await book.writeSheet(costsSpec(5));
    expect(host.tables.map((t) => t.name)).toEqual(["LAC_Costs_ByGroup_2"]);
  });

  it("does not own a sheet of the user's that takes a report's old name, nor one the user renames to a report's name", async () => {
    const host = new FakeExcel(["Budget"]);
    const book = workbook(host);
    await book.writeSheet(costsSpec(3));
    await book.writeSheet(varianceSpec());
    host.sheet("LAC Costs")!.name = "Costs March";
    host.sheets.push(new FakeSheet("LAC Costs"));
    expect((await failure(book.writeSheet(costsSpec(3)))).code).toBe("not-owned");
    // A report renamed to another report's name is the user's too.
    host.sheet("LAC Costs")!.name = "My notes";
    host.sheet("LAC Variance")!.name = "LAC Costs";
    expect((await failure(book.writeSheet(costsSpec(3)))).code).toBe("not-owned");
    expect(await book.listSheets()).toEqual([
      { name: "Budget", owned: false, visible: true },
      { name: "Costs March", owned: false, visible: true },
      { name: "LAC Costs", owned: false, visible: true },
      { name: "My notes", owned: false, visible: true },
    ]);
  });

  it("gives a report's table a free name when a table elsewhere has its own", async () => {
    const host = new FakeExcel(["Budget"]);
    const book = workbook(host);
    await book.writeSheet(costsSpec(3));
    await book.writeSheet(costsSpec(3, "LAC Costs 2"));
    expect(host.tables.map((t) => [t.name, t.sheet.name])).toEqual([
      ["LAC_Costs_ByGroup", "LAC Costs"],
      ["LAC_Costs_ByGroup_2", "LAC Costs 2"],
    ]);
  });

  it("upgrades a mark written without a fingerprint (by an older version), keeping its number", async () => {
    const host = new FakeExcel(["Budget"]);
    const book = workbook(host);
    await book.writeSheet(costsSpec(3));
    host.names[0].name = "LAC_OWNED_4";
    host.sheet("LAC Costs")!.name = "Costs 2023";
    // Without a fingerprint the old rule holds: the mark follows the sheet.
    expect(await book.isOwned("Costs 2023")).toBe(true);
    await book.writeSheet(costsSpec(3, "Costs 2023"));
    expect(host.names.map((n) => n.name)).toEqual([`LAC_OWNED_4_${sheetNameFingerprint("Costs 2023")}`]);
    host.sheet("Costs 2023")!.name = "Kept";
    expect(await book.isOwned("Kept")).toBe(false);
  });

  it("reports progress request by request", async () => {
    const host = new FakeExcel();
    const seen: string[] = [];
    await workbook(host).writeSheet(costsSpec(5), { onProgress: (p) => seen.push(`${p.requestsDone}/${p.requestsTotal}`) });
    expect(seen).toEqual(["1/4", "2/4", "3/4", "4/4"]);
  });

  it("uses Excel.run when given no stand-in", async () => {
    const host = new FakeExcel();
    (globalThis as Record<string, unknown>).Excel = new OfficeMockObject({ run: host.run });
    try {
      await new OfficeWorkbook().writeSheet(hostileSpec());
    } finally {
      delete (globalThis as Record<string, unknown>).Excel;
    }
    expect(host.sheet("LAC Data Quality")).toBeDefined();
  });
});

describe("OfficeWorkbook refresh in place", () => {
  it.each([
    ["with ExcelApi 1.13, keeping the report's table", true, "=SUM(LAC_Costs_ByGroup[Total £])"],
    ["without it, the table turned back into cells and added afresh", false, "=SUM('LAC Costs'!B10:B14)"],
  ])("never deletes a report sheet: a formula of the user's pointing into it points at it after two refreshes (%s)", async (_, api113, tableFormula) => {
    const host = new FakeExcel(["Budget"]);
    const book = workbook(host, { supports: (_set: string, version: string) => version !== "1.13" || api113 });
    await book.writeSheet(costsSpec(5));
    const report = host.sheet("LAC Costs")!;
    const table = host.tables[0];
    host.refer("Budget", "A1", { sheet: "LAC Costs", address: "C12" });
    host.referToTable("Budget", "A2", "LAC_Costs_ByGroup", "Total £");

    await book.writeSheet(costsSpec(9));
    await book.writeSheet(costsSpec(5));
    expect(host.sheet("LAC Costs")).toBe(report);
    expect(host.referredSheet("Budget", "A1")).toBe(report);
    expect(host.cell("Budget", "A1")).toBe("='LAC Costs'!C12");
    expect(host.cell("Budget", "A2")).toBe(tableFormula);
    expect(host.tables[0] === table).toBe(api113);
    expect(host.tables.map((t) => [t.name, t.rect])).toEqual([["LAC_Costs_ByGroup", { top: 8, left: 0, bottom: 14, right: 4 }]]);
    expect(host.cell("LAC Costs", "A1")).toBe("Placement costs 2023-24");
    expect(host.names.map((n) => n.name)).toEqual([`LAC_OWNED_1_${sheetNameFingerprint("LAC Costs")}`]);
  });

  it("adds a table afresh under its name when its header moves to another row, which Excel cannot resize", async () => {
    const host = new FakeExcel(["Budget"]);
    const book = workbook(host, { supports: () => true });
    await book.writeSheet(costsSpec(5));
    host.referToTable("Budget", "A1", "LAC_Costs_ByGroup", "Total £");
    const spec = costsSpec(5);
    await book.writeSheet({ ...spec, blocks: [{ kind: "note", text: "A note above everything" }, ...spec.blocks] });
    expect(host.tables.map((t) => [t.name, t.rect.top])).toEqual([["LAC_Costs_ByGroup", 10]]);
    expect(host.cell("LAC Costs", "B17")).toBe("=SUBTOTAL(109,LAC_Costs_ByGroup[Total £])");
    // Excel rewrote the user's formula as the cells the table held.
    expect(host.cell("Budget", "A1")).toBe("=SUM('LAC Costs'!B10:B14)");
  });

  it("leaves the same workbook as writing the report once, whatever the report held before", async () => {
    for (const api113 of [true, false]) {
      const fresh = new FakeExcel(["Budget"]);
      await workbook(fresh, { supports: () => api113 }).writeSheet(costsSpec(7));
      const host = new FakeExcel(["Budget"]);
      const book = workbook(host, { supports: () => api113 });
      // A longer report first, with a chart, notes and wrapped text further down, and wider columns.
      await book.writeSheet({ ...varianceSpec("LAC Costs"), blocks: [...varianceSpec().blocks, ...costsSpec(30).blocks.map((b) => (b.kind === "table" ? { ...b, name: "Other" } : b.kind === "chart" ? { ...b, chart: { ...b.chart, table: "Other" } } : b))] });
      await book.writeSheet(costsSpec(7));
      expect(JSON.stringify(host.snapshot())).toBe(JSON.stringify(fresh.snapshot()));
      // The same report, longer then shorter: its table is fitted (or added afresh) each time.
      await book.writeSheet(costsSpec(30));
      await book.writeSheet(costsSpec(7));
      expect(JSON.stringify(host.snapshot())).toBe(JSON.stringify(fresh.snapshot()));
    }
  });

  it("keeps a refresh of 50,000 rows in requests of under 5 MB each", async () => {
    const host = new FakeExcel();
    const book = workbook(host, { supports: () => true });
    await book.writeSheet(episodesSpec(40_000));
    const before = host.syncs;
    const report = await book.writeSheet(episodesSpec(50_000));
    const sizes = host.requests.slice(before).map((r) => r.bytes);
    expect(report.requests).toBe(sizes.length);
    expect(Math.max(...sizes)).toBeLessThan(EXCEL_REQUEST_LIMIT_BYTES);
    expect(host.cell("LAC Episodes", "A50001")).toBe("149999");
    expect(host.tables[0].rect.bottom).toBe(50_000);
  });
});

describe("OfficeWorkbook refresh that fails half-way", () => {
  /** A workbook holding the first version of the report, a user's formula pointing into it, and a snapshot of it. */
  async function refreshed() {
    const host = new FakeExcel(["Budget"]);
    const book = workbook(host, { supports: () => true });
    await book.writeSheet(costsSpec(5));
    host.refer("Budget", "A1", { sheet: "LAC Costs", address: "C12" });
    return { host, book, report: host.sheet("LAC Costs")!, before: JSON.stringify(host.snapshot()), syncs: host.syncs };
  }

  /** The same workbook written without a failure, to compare the repaired one with. */
  async function writtenWithoutFailure(rows: number) {
    const { host, book } = await refreshed();
    await book.writeSheet(costsSpec(rows));
    return JSON.stringify(host.snapshot());
  }

  it.each([
    ["the first look at the workbook", 0],
    ["the request that marks the sheet", 1],
  ])("changes nothing when the connection is lost at %s", async (_, at) => {
    const { host, book, before, syncs } = await refreshed();
    host.failure = { atSyncs: [syncs + at], kind: "lost" };
    const error = await failure(book.writeSheet(costsSpec(9)));
    expect(error.code).toBe("write-failed");
    expect(error.message).toMatch(/"LAC Costs" could not be written.*: .*connection to Excel was lost/);
    expect(JSON.stringify(host.snapshot())).toBe(before);
  });

  // The banner is red until the last request, which gives A1 its own look before its own value.
  const BANNER_LOOK = { "font.bold": true, "font.color": "#C00000" };
  it.each([
    ["the values are lost", { atSyncs: [2], kind: "lost" as const }, BANNER_LOOK],
    ["the tables, looks and chart are lost", { atSyncs: [3], kind: "lost" as const }, BANNER_LOOK],
    ["Excel refuses to fit a table to its rows", { atSyncs: [2], kind: "operation" as const, operation: /table\.resize/ }, BANNER_LOOK],
    ["Excel refuses a format", { atSyncs: [3], kind: "operation" as const, operation: /format|font/ }, {}],
    ["Excel refuses the chart", { atSyncs: [3], kind: "operation" as const, operation: /charts\.add/ }, { "font.bold": true }],
  ])("leaves the sheet marked incomplete, saying so in A1, when %s; the next refresh repairs it", async (_, failing, bannerLook) => {
    const { host, book, report, syncs } = await refreshed();
    host.failure = { ...failing, atSyncs: failing.atSyncs.map((at) => syncs + at) };
    const error = await failure(book.writeSheet(costsSpec(9)));
    expect(error.message).toMatch(/"LAC Costs" could not be written completely \(until the next refresh it may be incomplete, and says so in A1\)/);
    expect(host.sheet("LAC Costs")).toBe(report);
    expect(host.cell("LAC Costs", "A1")).toBe(INCOMPLETE_BANNER);
    expect(report.lookAt("A1")).toMatchObject(bannerLook);
    expect(host.names.filter((n) => n.name.startsWith("LAC_BUILD_")).map((n) => n.sheet)).toEqual([report]);
    // Still the add-in's, listed as any report is.
    expect(await book.listSheets()).toContainEqual({ name: "LAC Costs", owned: true, visible: true });

    host.failure = null;
    await book.writeSheet(costsSpec(9));
    expect(host.sheet("LAC Costs")).toBe(report);
    expect(host.cell("Budget", "A1")).toBe("='LAC Costs'!C12");
    expect(JSON.stringify(host.snapshot())).toBe(await writtenWithoutFailure(9));
  });

  it("deletes a sheet an older version built aside and left behind, with its mark", async () => {
    const { host, book } = await refreshed();
    const leftover = new FakeSheet("LAC build 1");
    leftover.visibility = "Hidden";
    host.sheets.push(leftover);
    host.names.push({ name: "LAC_BUILD_1", sheet: leftover, address: "A1", comment: "" });
    expect((await book.listSheets()).map((s) => s.name)).toEqual(["Budget", "LAC Costs"]);
    await book.writeSheet(costsSpec(9));
    expect(host.sheets.map((s) => s.name)).toEqual(["Budget", "LAC Costs"]);
    expect(JSON.stringify(host.snapshot())).toBe(await writtenWithoutFailure(9));
  });
});

describe("OfficeWorkbook reading", () => {
  /** A user's sheet: a title, a blank row, then episodes with a header. */
  function userWorkbook(rows: number): FakeExcel {
    const host = new FakeExcel(["Episodes"]);
    const cells = host.sheet("Episodes")!.cells;
    cells.set("A1", { value: "Episodes extract March", format: "General" });
    const headers = ["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC", "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"];
    headers.forEach((h, j) => cells.set(`${String.fromCharCode(65 + j)}3`, { value: h, format: "General" }));
    for (let i = 0; i < rows; i++) {
      cells.set(`A${4 + i}`, { value: `C${i}`, format: "General" });
      cells.set(`B${4 + i}`, { value: 43000 + i, format: "General" });
      cells.set(`G${4 + i}`, { value: "U1 with a longer description to make rows heavier", format: "General" });
    }
    return host;
  }

  it("reads a large sheet in blocks under the response budget, with progress, from the header row found by the matcher", async () => {
    const host = userWorkbook(20_000);
    const progress: number[] = [];
    const table = await workbook(host, { responseBudgetBytes: 200_000 }).readTable("Episodes", {
      header: (row) => {
        try {
          resolveColumns(row, EPISODE_FIELDS);
          return true;
        } catch {
          return false;
        }
      },
      onProgress: (p) => progress.push(p.rowsRead),
    });
    expect(table.headers.slice(0, 3)).toEqual(["CHILD", "DECOM", "RNE"]);
    expect(table.rows).toHaveLength(20_000);
    expect(table.firstRowNumber).toBe(4);
    expect(table.rows[19_999].slice(0, 3)).toEqual(["C19999", 62999, null]);
    expect(progress.length).toBeGreaterThan(10);
    expect(progress[progress.length - 1]).toBe(20_003);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    // One request to find the sheet, one for its size, then one per block.
    expect(host.syncs).toBe(2 + progress.length);
    const responses = host.requests.slice(2).map((r) => r.responseBytes);
    expect(Math.max(...responses)).toBeLessThanOrEqual(200_000);
    // After a first block sized by a guess, blocks fill most of the budget.
    expect(Math.min(...responses.slice(1, -1))).toBeGreaterThan(100_000);
  });

  it("reads on when later rows are heavier than the first block led it to expect, halving blocks Excel cannot send", async () => {
    const host = userWorkbook(3000);
    const cells = host.sheet("Episodes")!.cells;
    for (let i = 2000; i < 3000; i++) cells.set(`H${4 + i}`, { value: "x".repeat(500), format: "General" });
    host.payloadLimitBytes = 250_000;
    const table = await workbook(host, { responseBudgetBytes: 200_000 }).readTable("Episodes", { header: (row) => row[0] === "CHILD" });
    expect(table.rows).toHaveLength(3000);
    expect(table.rows[2999][7]).toBe("x".repeat(500));
    // Excel refused at least one block, and the read went on in smaller ones.
    expect(host.requests.some((r) => r.responseBytes > host.payloadLimitBytes)).toBe(true);
  });

  it("reads an Excel table without its totals row", async () => {
    const host = new FakeExcel();
    const book = workbook(host);
    await book.writeSheet(costsSpec(6));
    const table = await book.readTable({ table: "lac_costs_bygroup" });
    expect(table.headers).toEqual(["Placement group", "Total £", "Time (weeks)", "Avg cost/week", "First day"]);
    expect(table.rows).toHaveLength(6);
    expect(table.firstRowNumber).toBe(10);
  });

  it("refuses to read a workbook that counts its dates from 1904, saying why, in the request that finds the table", async () => {
    const host = new FakeExcel();
    const book = workbook(host);
    await book.writeSheet(costsSpec(6));
    const syncs = host.syncs;
    host.dateSystem = 1904;
    const error = await failure(book.readTable({ table: "lac_costs_bygroup" }));
    expect(error.code).toBe("date-1904");
    expect(error.message).toMatch(/1904 date system/);
    expect(host.syncs - syncs).toBe(1);
    host.dateSystem = 1900;
    expect((await book.readTable({ table: "lac_costs_bygroup" })).rows).toHaveLength(6);
  });

  it("lists tables and sheets with their headers", async () => {
    const host = userWorkbook(3);
    const book = workbook(host);
    await book.writeSheet(hostileSpec());
    expect(await book.listTables()).toEqual([
      { name: "LAC_Quality_Rows", sheet: "LAC Data Quality", source: "table", headers: ["Row", "Value"], rowCount: 7 },
      { name: "Episodes", sheet: "Episodes", source: "sheet", headers: ["Episodes extract March", ...Array(12).fill("")], rowCount: 5 },
      { name: "LAC Data Quality", sheet: "LAC Data Quality", source: "sheet", headers: ["Data quality", ""], rowCount: 11 },
    ]);
  });

  it("says clearly when the table or sheet is missing, empty, or has no matching header", async () => {
    const host = new FakeExcel(["Empty"]);
    const book = workbook(host);
    expect((await failure(book.readTable("Nowhere"))).message).toBe('there is no table or sheet called "Nowhere"');
    expect((await failure(book.readTable({ sheet: "Empty" }))).code).toBe("no-header");
    host.sheet("Empty")!.cells.set("A1", { value: "not a header", format: "General" });
    const error = await failure(book.readTable("Empty", { header: () => false }));
    expect(error.message).toMatch(/none of its first 30 rows has the columns needed/);
  });
});
