/**
 * The pane's Save committee pack: built from the report sheets of the last refresh, handed to
 * Excel as base64 (Excel.createWorkbook), holding the LAC report sheets alone, values only, and
 * not the row-level Data Quality table whose reasons quote what was typed (here a child's date of
 * birth), with the same native charts as the command line's pack, built as in the browser (no
 * zlib). The command line's pack is searched part by part in test/cli/refresh-pack.test.ts.
 */

import { dayFromYmd } from "../../src/engine/dates";
import { generateSample } from "../../src/engine/sample";
import type { Cell, Table } from "../../src/engine/table";
import { DEFAULT_SHEET_NAMES, REPORT_KEYS } from "../../src/reports/common";
import { ROW_LEVEL_LEFT_OUT } from "../../src/reports/committeePack";
import { refreshReports } from "../../src/reports/refresh";
import { base64Of, saveCommitteePack } from "../../src/taskpane/committeePack";
import { ExcelJsWorkbook } from "../../src/workbook/exceljs/excelJsWorkbook";
import { checkXlsx, readEntryText } from "../../src/workbook/exceljs/zipGuard";
import type { SheetSpec } from "../../src/workbook/spec";
import { FakeWorkbook } from "../reports/fakeWorkbook";

const sample = generateSample({ children: 30, seed: 8, end: dayFromYmd(2023, 12, 31) });
/** A birth date typed wrongly: LAC Data Quality quotes it in its reason. */
const BAD_BIRTH_DATE = "31/02/2012";
const cells = (table: Table): Cell[][] => [table.headers, ...table.rows];

function withBadBirthDate(children: Table): Cell[][] {
  const dob = children.headers.indexOf("DOB");
  return cells(children).map((row, i) => (i === 1 ? row.map((cell, j) => (j === dob ? BAD_BIRTH_DATE : cell)) : row));
}

function texts(spec: SheetSpec): string[] {
  return spec.blocks.flatMap((b) => (b.kind === "note" ? [b.text] : b.kind === "table" ? b.rows.flat().map(String) : []));
}

describe("Save committee pack", () => {
  let specs: SheetSpec[];
  beforeAll(async () => {
    const book = new FakeWorkbook().addSheet("Episodes", cells(sample.episodes)).addSheet("Children", withBadBirthDate(sample.children));
    specs = (await refreshReports(book)).specs;
  });

  it("opens a workbook of the LAC report sheets alone, values only, without the reason quoting a birth date", async () => {
    // The refreshed LAC Data Quality does quote it.
    const quality = specs.find((s) => s.name === "LAC Data Quality") as SheetSpec;
    expect(texts(quality).some((t) => t.includes(BAD_BIRTH_DATE))).toBe(true);

    const opened: string[] = [];
    const sheets = await saveCommitteePack(specs, async (base64) => {
      opened.push(base64);
    });
    expect(sheets).toEqual(REPORT_KEYS.map((key) => DEFAULT_SHEET_NAMES[key]));
    expect(opened).toHaveLength(1);

    const bytes = Buffer.from(opened[0], "base64");
    const pack = await ExcelJsWorkbook.fromBuffer(bytes);
    expect((await pack.listSheets()).map((s) => s.name)).toEqual(sheets);
    const packedQuality = await pack.readTable({ sheet: "LAC Data Quality" }, { header: (row) => row.includes(ROW_LEVEL_LEFT_OUT) });
    expect(packedQuality.headers).toContain(ROW_LEVEL_LEFT_OUT);
    const { entries } = await checkXlsx(bytes, "the pack");
    // Built with no zlib, as in the browser: every part stored, none deflated.
    expect(entries.filter((e) => e.method !== 0).map((e) => e.name)).toEqual([]);
    for (const entry of entries) {
      const text = await readEntryText(bytes, entry);
      expect({ part: entry.name, quotes: text.includes(BAD_BIRTH_DATE) }).toEqual({ part: entry.name, quotes: false });
      if (entry.name.startsWith("xl/worksheets/")) expect({ part: entry.name, formulas: text.match(/<f[ >]/g) ?? [] }).toEqual({ part: entry.name, formulas: [] });
    }
  });

  it("draws the report sheets' charts in the pack, as the command line's pack has them", async () => {
    let opened = "";
    await saveCommitteePack(specs, async (base64) => {
      opened = base64;
    });
    const bytes = Buffer.from(opened, "base64");
    const { entries } = await checkXlsx(bytes, "the pack");
    const part = async (name: string) => readEntryText(bytes, entries.find((e) => e.name === name) as (typeof entries)[number]);
    const charts = entries.filter((e) => /^xl\/charts\/chart\d+\.xml$/.test(e.name));
    const charted = specs.flatMap((s) => s.blocks.filter((b) => b.kind === "chart"));
    expect(charted.length).toBeGreaterThan(0);
    expect(charts).toHaveLength(charted.length);
    const types = await part("[Content_Types].xml");
    for (const chart of charts) {
      expect(types).toContain(`PartName="/${chart.name}" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"`);
      // Values only: each series carries its figures, and refers to the pack's own report sheet.
      expect(await part(chart.name)).toMatch(/<c:numCache>/);
    }
    const sheetsWithDrawings = entries.filter((e) => /^xl\/worksheets\/_rels\//.test(e.name));
    const drawn = await Promise.all(sheetsWithDrawings.map(async (e) => /relationships\/drawing"/.test(await readEntryText(bytes, e))));
    expect(drawn.filter(Boolean).length).toBeGreaterThan(0);
    // ExcelJS opens the pack as Excel would, charts and all.
    await expect(ExcelJsWorkbook.fromBuffer(bytes)).resolves.toBeDefined();
  });

  it("says there is nothing to pack before a refresh built a sheet", async () => {
    await expect(saveCommitteePack([], async () => undefined)).rejects.toThrow(/no report sheet/);
  });

  it("encodes bytes as base64 as Node does, across its slices", () => {
    const bytes = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7919) % 256);
    expect(base64Of(bytes)).toBe(Buffer.from(bytes).toString("base64"));
  });
});
