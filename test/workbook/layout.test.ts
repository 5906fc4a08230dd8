import fc from "fast-check";
import { dayFromYmd, excelSerialOfDay } from "../../src/engine/dates";
import type { Cell } from "../../src/engine/table";
import { CellRect } from "../../src/workbook/addresses";
import { cellNumberFormat } from "../../src/workbook/cells";
import { layoutSheet, LOOKS, numberFormatOf, RAG_LOOKS, SheetLayout, totalsFormula } from "../../src/workbook/layout";
import { WorkbookError } from "../../src/workbook/port";
import type { SheetSpec } from "../../src/workbook/spec";
import { costsSpec } from "./fixtures";

/** Every cell a layout writes, by "row,column", with its value and number format. */
function cellsOf(layout: SheetLayout): Map<string, { value: Cell; format: string }> {
  const cells = new Map<string, { value: Cell; format: string }>();
  for (const region of layout.regions) {
    region.rows.forEach((row, i) =>
      region.columnFormats.forEach((format, j) => {
        const key = `${region.top + i},${region.left + j}`;
        if (cells.has(key)) throw new Error(`cell ${key} written twice`);
        cells.set(key, { value: row[j] ?? null, format: cellNumberFormat(row[j] ?? null, format) });
      }),
    );
  }
  return cells;
}

describe("layoutSheet", () => {
  it("places title, key figures, table, totals and chart top to bottom with one blank row between blocks", () => {
    const layout = layoutSheet(costsSpec(3));
    const cells = cellsOf(layout);
    expect(cells.get("0,0")).toEqual({ value: "Placement costs 2023-24", format: "@" });
    // Row 1 blank; key-values titled at row 2, pairs at rows 3-5.
    expect(cells.has("1,0")).toBe(false);
    expect(cells.get("2,0")?.value).toBe("Period");
    expect(cells.get("3,1")).toEqual({ value: excelSerialOfDay(dayFromYmd(2023, 4, 1)), format: "dd/mm/yyyy" });
    expect(cells.get("4,1")).toEqual({ value: 3, format: "#,##0" });
    // Blank row 6, table title row 7, header row 8, three data rows 9-11, totals row 12.
    expect(cells.get("7,0")?.value).toBe("By placement group");
    expect(cells.get("8,1")).toEqual({ value: "Total £", format: "@" });
    expect(cells.get("9,1")?.format).toBe('"£"#,##0');
    expect(cells.get("9,3")?.format).toBe('"£"#,##0.00');
    expect(cells.get("9,2")?.format).toBe('#,##0.0 "wks"');
    const [table] = layout.tables;
    expect(table.rect).toEqual({ top: 8, left: 0, bottom: 11, right: 4 });
    expect(table.totalsRow).toBe(12);
    expect(table.totals[0]).toEqual({ kind: "label", text: "Total" });
    expect(table.totals[1]).toMatchObject({ kind: "sum", header: "Total £" });
    // The average's total divides the totals cells of Total £ (B13) and Time (weeks) (C13).
    expect(table.totals[3]).toMatchObject({ kind: "ratio", formula: '=IFERROR(B13/C13,"")', format: '"£"#,##0.00' });
    expect(table.totals[4]).toEqual({ kind: "blank" });
    // Blank row 13, chart area from row 14 for 18 rows, blank row, then the warning.
    const [chart] = layout.charts;
    expect(chart.area).toEqual({ top: 14, left: 0, bottom: 31, right: 7 });
    expect(chart.categories).toEqual({ top: 9, left: 0, bottom: 11, right: 0 });
    expect(chart.series).toEqual([{ name: "Total £", values: { top: 9, left: 1, bottom: 11, right: 1 } }]);
    expect(cells.get("33,0")?.value).toMatch(/open episodes/);
    expect(layout.looks).toContainEqual({ rect: { top: 33, left: 0, bottom: 33, right: 0 }, look: LOOKS.warning });
    expect(layout.rowCount).toBe(34);
  });

  it("sums a totals column from its numbers only, and escapes the header in the formula", () => {
    const layout = layoutSheet({
      name: "S",
      blocks: [
        {
          kind: "table",
          name: "T",
          columns: [
            { header: "Line", kind: "text", total: { label: "Total" } },
            { header: "Cost [#1]", kind: "currency", total: "sum" },
          ],
          rows: [["a", 10.5], ["b", "n/a"], ["c", null], ["d", 2]],
        },
      ],
    });
    const total = layout.tables[0].totals[1];
    expect(total).toMatchObject({ kind: "sum", result: 12.5 });
    expect(totalsFormula("T", "Cost [#1]")).toBe("=SUBTOTAL(109,T[Cost '['#1']])");
  });

  it("writes every string as Text, numbers in their column's format, non-finite numbers blank and dates as Excel serials", () => {
    const layout = layoutSheet({
      name: "S",
      blocks: [{ kind: "table", name: "T", columns: [{ header: "When", kind: "date" }, { header: "Amount", kind: "currency" }], rows: [[dayFromYmd(2024, 2, 29), NaN], ["unknown", "=1+1"]] }],
    });
    const cells = cellsOf(layout);
    expect(cells.get("1,0")).toEqual({ value: excelSerialOfDay(dayFromYmd(2024, 2, 29)), format: "dd/mm/yyyy" });
    expect(cells.get("1,1")).toEqual({ value: null, format: '"£"#,##0' });
    expect(cells.get("2,0")).toEqual({ value: "unknown", format: "@" });
    expect(cells.get("2,1")).toEqual({ value: "=1+1", format: "@" });
  });

  it("gives an empty table one blank data row, as Excel tables need one", () => {
    const layout = layoutSheet({ name: "S", blocks: [{ kind: "table", name: "T", columns: [{ header: "A", kind: "text" }], rows: [] }] });
    expect(layout.tables[0].rect).toEqual({ top: 0, left: 0, bottom: 1, right: 0 });
  });

  it("names each number format as accountants read it", () => {
    expect(numberFormatOf("currency")).toBe('"£"#,##0');
    expect(numberFormatOf("currency", 2)).toBe('"£"#,##0.00');
    expect(numberFormatOf("percent")).toBe("0.0%");
    expect(numberFormatOf("integer")).toBe("#,##0");
    expect(numberFormatOf("number")).toBe("#,##0.00");
    expect(numberFormatOf("date")).toBe("dd/mm/yyyy");
    expect(numberFormatOf("text")).toBe("General");
  });

  it.each<[string, SheetSpec, RegExp]>([
    ["a bad sheet name", { name: "Costs: 2024", blocks: [] }, /: \\ \/ \? \* \[ \]/],
    ["a long sheet name", { name: "x".repeat(32), blocks: [] }, /31 characters/],
    ["a table name like a cell", { name: "S", blocks: [{ kind: "table", name: "AB12", columns: [{ header: "A", kind: "text" }], rows: [] }] }, /cell reference/],
    ["a table name with a space", { name: "S", blocks: [{ kind: "table", name: "My table", columns: [{ header: "A", kind: "text" }], rows: [] }] }, /letters, digits/],
    [
      "two tables of one name",
      {
        name: "S",
        blocks: [
          { kind: "table", name: "T", columns: [{ header: "A", kind: "text" }], rows: [] },
          { kind: "table", name: "t", columns: [{ header: "A", kind: "text" }], rows: [] },
        ],
      },
      /two tables/,
    ],
    ["two columns of one header", { name: "S", blocks: [{ kind: "table", name: "T", columns: [{ header: "A", kind: "text" }, { header: "a", kind: "number" }], rows: [] }] }, /two columns/],
    ["a sum in the first column", { name: "S", blocks: [{ kind: "table", name: "T", columns: [{ header: "A", kind: "number", total: "sum" }], rows: [] }] }, /first column/],
    [
      "an average's total over a column without a sum",
      {
        name: "S",
        blocks: [
          {
            kind: "table",
            name: "T",
            columns: [
              { header: "A", kind: "text", total: { label: "Total" } },
              { header: "Cost", kind: "currency", total: "sum" },
              { header: "Weeks", kind: "weeks" },
              { header: "Average", kind: "currency", total: { ratioOf: ["Cost", "Weeks"] } },
            ],
            rows: [],
          },
        ],
      },
      /ratio of column "Weeks", which has no sum total/,
    ],
    [
      "an average's total over a missing column",
      {
        name: "S",
        blocks: [
          {
            kind: "table",
            name: "T",
            columns: [
              { header: "A", kind: "text" },
              { header: "B", kind: "number", total: "sum" },
              { header: "C", kind: "number", total: { ratioOf: ["B", "Nowhere"] } },
            ],
            rows: [],
          },
        ],
      },
      /ratio of column "Nowhere", which the table does not have/,
    ],
    ["a row wider than the columns", { name: "S", blocks: [{ kind: "table", name: "T", columns: [{ header: "A", kind: "text" }], rows: [["a", "b"]] }] }, /row 1 has 2 cells/],
    ["a chart of a missing table", { name: "S", blocks: [{ kind: "chart", chart: { type: "line", title: "C", table: "T", category: "A", series: ["B"] } }] }, /not above it/],
    [
      "a chart of a missing column",
      {
        name: "S",
        blocks: [
          { kind: "table", name: "T", columns: [{ header: "A", kind: "text" }], rows: [] },
          { kind: "chart", chart: { type: "line", title: "C", table: "T", category: "A", series: ["B"] } },
        ],
      },
      /no column "B"/,
    ],
  ])("refuses %s with a clear bad-spec error", (_, spec, message) => {
    let error: unknown;
    try {
      layoutSheet(spec);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WorkbookError);
    expect((error as WorkbookError).code).toBe("bad-spec");
    expect((error as Error).message).toMatch(message);
  });

  it("totals an average column as the ratio of two totals, blank when the divisor totals 0", () => {
    const averages = (rows: Cell[][]) =>
      layoutSheet({
        name: "S",
        blocks: [
          {
            kind: "table",
            name: "T",
            columns: [
              { header: "Group", kind: "text", total: { label: "Total" } },
              { header: "Cost", kind: "currency", total: "sum" },
              { header: "Weeks", kind: "weeks", total: "sum" },
              { header: "Avg", kind: "currency", decimals: 2, total: { ratioOf: ["Cost", "Weeks"] } },
            ],
            rows,
          },
        ],
      }).tables[0].totals[3];
    // Not the mean of the rows' averages (300): the total cost over the total weeks.
    expect(averages([["a", 1000, 10, 100], ["b", 500, 1, 500]])).toEqual({ kind: "ratio", formula: '=IFERROR(B4/C4,"")', result: 1500 / 11, format: '"£"#,##0.00' });
    expect(averages([["a", 0, 0, null]])).toMatchObject({ kind: "ratio", result: null });
  });

  it("draws each table's header, number headers, totals and RAG statuses as rectangles, as many for 10,000 rows as for 10", () => {
    const spec = (rows: number): SheetSpec => ({
      name: "S",
      blocks: [
        {
          kind: "table",
          name: "T",
          columns: [
            { header: "Line", kind: "text", total: { label: "Total" } },
            { header: "Budget", kind: "currency", total: "sum" },
            { header: "Variance %", kind: "percent" },
            { header: "RAG", kind: "text", rag: true, total: { label: "Red" } },
            { header: "Note", kind: "text" },
          ],
          rows: Array.from({ length: rows }, (_, i) => [`Line ${i}`, 1000 * i, 0.01 * i, i < rows / 2 ? "Green" : "Red", "x"]),
        },
      ],
    });
    const small = layoutSheet(spec(10));
    expect(layoutSheet(spec(10_000)).looks.length).toBe(small.looks.length);
    expect(small.looks).toEqual([
      { rect: { top: 0, left: 0, bottom: 0, right: 4 }, look: LOOKS.header },
      { rect: { top: 0, left: 1, bottom: 0, right: 2 }, look: LOOKS.numberHeader },
      { rect: { top: 0, left: 0, bottom: 11, right: 0 }, look: LOOKS.rowLabel },
      { rect: { top: 11, left: 0, bottom: 11, right: 4 }, look: LOOKS.totals },
      { rect: { top: 0, left: 3, bottom: 11, right: 3 }, look: LOOKS.status },
      { rect: { top: 1, left: 3, bottom: 5, right: 3 }, look: RAG_LOOKS.Green },
      { rect: { top: 6, left: 3, bottom: 10, right: 3 }, look: RAG_LOOKS.Red },
      { rect: { top: 11, left: 3, bottom: 11, right: 3 }, look: RAG_LOOKS.Red },
    ]);
  });

  it("sizes the key column to its longest key, and wraps long texts across the tables' width", () => {
    const longKey = "Episodes of children not in Children";
    const note = "Cost = weekly cost × days in the period ÷ 7, using the episode's own WEEKLY_COST, else the unit cost of its placement group; an open episode runs to the end of the period.";
    const layout = layoutSheet({
      name: "S",
      title: "Costs",
      blocks: [
        { kind: "keyValues", pairs: [{ key: longKey, value: "None" }, { key: "Total", value: 4_761_249, kind: "currency" }] },
        { kind: "note", text: note },
        { kind: "note", text: "Short." },
        {
          kind: "table",
          name: "T",
          columns: [{ header: "Group", kind: "text" }, { header: "Cost", kind: "currency" }, { header: "Weeks", kind: "weeks" }],
          rows: [["LA Foster Care in LA", 605_806, 1201.4]],
        },
      ],
    });
    // Calibri draws this key 28.4 digits wide (Carlito, which has its metrics, measures it so).
    expect(layout.columnWidths[0]).toBeGreaterThanOrEqual(29);
    expect(layout.columnWidths[0]).toBeLessThan(longKey.length);
    const span = layout.columnWidths.reduce((sum, w) => sum + w, 0);
    expect(span).toBeGreaterThanOrEqual(80);
    // The note (row 5) is merged across every column and wraps onto as many lines as it needs; the short one is left alone.
    expect(layout.merges).toEqual([{ top: 5, left: 0, bottom: 5, right: layout.columnWidths.length - 1 }]);
    expect(layout.looks).toContainEqual({ rect: layout.merges[0], look: LOOKS.wrapped });
    // About 0.8 digit widths a letter: two or three lines of the span.
    const noteHeight = layout.rowHeights.find((h) => h.row === 5)?.points;
    expect([30, 45]).toContain(noteHeight);
    expect(layout.rowHeights).toContainEqual({ row: 0, points: 21 });
    // Key figures sit against their keys, numbers included.
    expect(layout.looks).toContainEqual({ rect: { top: 2, left: 1, bottom: 3, right: 1 }, look: LOOKS.value });
  });

  it("wraps a long header over a column of short figures instead of widening it", () => {
    const layout = layoutSheet({
      name: "S",
      blocks: [{ kind: "table", name: "T", columns: [{ header: "Line", kind: "text" }, { header: "Current weekly cost (all children)", kind: "currency" }], rows: [["a", 1200]] }],
    });
    expect(layout.columnWidths[1]).toBeLessThan("Current weekly cost (all children)".length);
    // Two lines of the header's bold text in an 18-character column.
    expect(layout.rowHeights).toEqual([{ row: 0, points: 30 }]);
  });

  it("repeats on every printed page the header of a table that ends the sheet, and no other", () => {
    const table = (name: string): SheetSpec["blocks"][number] => ({ kind: "table", name, title: "Rows", columns: [{ header: "A", kind: "text" }], rows: [["x"], ["y"]] });
    expect(layoutSheet({ name: "S", title: "T", blocks: [{ kind: "note", text: "n" }, table("First"), { kind: "note", text: "after" }] }).printTitleRow).toBe(5);
    expect(layoutSheet({ name: "S", blocks: [table("First"), table("Second")] }).printTitleRow).toBeNull();
    expect(layoutSheet({ name: "S", blocks: [table("First"), { kind: "chart", chart: { type: "line", title: "C", table: "First", category: "A", series: ["A"] } }] }).printTitleRow).toBeNull();
    expect(layoutSheet({ name: "S", blocks: [{ kind: "note", text: "only" }] }).printTitleRow).toBeNull();
  });

  it("refuses a sheet longer than Excel's 1,048,576 rows", () => {
    const rows: Cell[][] = Array.from({ length: 1_048_576 }, () => [1]);
    expect(() => layoutSheet({ name: "S", title: "T", blocks: [{ kind: "table", name: "T", columns: [{ header: "A", kind: "integer" }], rows }] })).toThrow(/1,048,576/);
  });

  it("never writes a cell twice, and keeps tables, totals and charts inside the rows it reports (property)", () => {
    const column = fc.record({
      kind: fc.constantFrom("text" as const, "number" as const, "currency" as const, "weeks" as const, "percent" as const, "date" as const, "integer" as const),
      sum: fc.boolean(),
    });
    const cell = fc.oneof(fc.string({ maxLength: 8 }), fc.integer({ min: 0, max: 30000 }), fc.constant(null), fc.double({ noNaN: false }));
    const table = fc.record({ columns: fc.array(column, { minLength: 1, maxLength: 6 }), rows: fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 20 }), chart: fc.boolean() });
    const block = fc.oneof(
      table,
      fc.record({ note: fc.string({ maxLength: 20 }) }),
      fc.record({ pairs: fc.array(fc.tuple(fc.string({ maxLength: 8 }), cell), { maxLength: 4 }) }),
    );
    fc.assert(
      fc.property(fc.array(block, { maxLength: 6 }), fc.boolean(), (blocks, titled) => {
        const spec: SheetSpec = { name: "S", title: titled ? "Title" : undefined, blocks: [] };
        blocks.forEach((b, n) => {
          if ("note" in b) spec.blocks.push({ kind: "note", text: b.note });
          else if ("pairs" in b) spec.blocks.push({ kind: "keyValues", pairs: b.pairs.map(([key, value]) => ({ key, value })) });
          else {
            const columns = b.columns.map((c, j) => ({ header: `H${j}`, kind: c.kind, total: j === 0 ? undefined : c.sum ? ("sum" as const) : undefined }));
            spec.blocks.push({ kind: "table", name: `Table_${n}`, columns, rows: b.rows.map((r) => r.slice(0, columns.length)) });
            if (b.chart && columns.length > 1) spec.blocks.push({ kind: "chart", chart: { type: "line", title: "C", table: `Table_${n}`, category: "H0", series: ["H1"] } });
          }
        });
        const layout = layoutSheet(spec);
        const cells = cellsOf(layout);
        const inside = (rect: CellRect) => rect.top >= 0 && rect.bottom < layout.rowCount && rect.top <= rect.bottom;
        for (const key of cells.keys()) expect(Number(key.split(",")[0])).toBeLessThan(layout.rowCount);
        for (const t of layout.tables) {
          expect(inside(t.rect)).toBe(true);
          if (t.totalsRow !== null) {
            expect(t.totalsRow).toBe(t.rect.bottom + 1);
            expect(t.totalsRow).toBeLessThan(layout.rowCount);
            for (let j = t.rect.left; j <= t.rect.right; j++) expect(cells.has(`${t.totalsRow},${j}`)).toBe(false);
          }
        }
        for (const c of layout.charts) {
          expect(inside(c.area)).toBe(true);
          for (let r = c.area.top; r <= c.area.bottom; r++) for (let j = c.area.left; j <= c.area.right; j++) expect(cells.has(`${r},${j}`)).toBe(false);
        }
      }),
      { numRuns: 200 },
    );
  });
});
