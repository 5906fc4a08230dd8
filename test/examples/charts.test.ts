/**
 * The refreshed example holds the reports' charts as native DrawingML charts: each chart part
 * declared, drawn on its report's sheet, its series reading the report table's cells, with the
 * values those cells hold cached; and LibreOffice draws them.
 */

import { relationshipsOf } from "../workbook/packageRelationships";
import * as fs from "fs";
import * as path from "path";
import { spawnSync } from "child_process";
import ExcelJS from "exceljs";
import { lac, removeFolder, temporaryFolder } from "../cli/helpers";
import { unzipEntries } from "../workbook/zipBuilder";
import { editParts } from "../workbook/xlsxFeatures";

const EXAMPLE = path.resolve(__dirname, "../../examples/budget-monitoring.xlsx");

/** The charts src/reports declares for the example's reports, by sheet. */
const EXPECTED_CHARTS: Record<string, { title: RegExp; kind: string; series: number }[]> = {
  "LAC Costs": [
    { title: /^Total cost by placement group$/, kind: "barChart", series: 1 },
    { title: /^Total cost by time looked after$/, kind: "barChart", series: 1 },
  ],
  "LAC Forecast": [{ title: /^Children in care with the \d+% band and the 25th to 75th percentile$/, kind: "lineChart", series: 6 }],
  "LAC Scenarios": [{ title: /^Full-year and in-year savings by scenario$/, kind: "barChart", series: 2 }],
  "LAC Variance": [{ title: /^Variance by budget line/, kind: "barChart", series: 1 }],
  "LAC Benchmark": [{ title: /^Placement mix$/, kind: "barChart", series: 2 }],
};

type Parts = Map<string, string>;

/** Relationships of a part; the charts' package has no external targets. */
function relsOf(parts: Parts, part: string): { id: string; type: string; part: string }[] {
  return relationshipsOf((name) => parts.get(name), part).map((r) => ({ ...r, part: r.part ?? "" }));
}

function sheetPart(parts: Parts, name: string): string {
  const workbook = parts.get("xl/workbook.xml") ?? "";
  const tag = [...workbook.matchAll(/<sheet\b[^>]*>/g)].map(([t]) => t).find((t) => t.includes(`name="${name}"`));
  const rid = tag ? /r:id="([^"]*)"/.exec(tag)?.[1] : undefined;
  const part = relsOf(parts, "xl/workbook.xml").find((r) => r.id === rid)?.part;
  if (!part) throw new Error(`no sheet ${name}`);
  return part;
}

/** "'LAC Variance'!$C$20:$C$23" → the sheet and the cells, top to bottom. */
function cellsOfReference(reference: string): { sheet: string; cells: string[] } {
  const match = /^'?(.*?)'?!\$([A-Z]+)\$(\d+)(?::\$([A-Z]+)\$(\d+))?$/.exec(reference);
  if (!match) throw new Error(`not a one-column reference: ${reference}`);
  const [, sheet, column, top, lastColumn, bottom] = match;
  expect(lastColumn ?? column).toBe(column);
  const cells: string[] = [];
  for (let row = Number(top); row <= Number(bottom ?? top); row++) cells.push(`${column}${row}`);
  return { sheet: sheet.replace(/''/g, "'"), cells };
}

function columnNumber(letters: string): number {
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

/** True when a cell lies in a table's range ("A19:E24"). */
function inRange(cell: string, range: string): boolean {
  const [from, to] = range.split(":").map((a) => /^([A-Z]+)(\d+)$/.exec(a) as RegExpExecArray);
  const at = /^([A-Z]+)(\d+)$/.exec(cell) as RegExpExecArray;
  const column = columnNumber(at[1]);
  const row = Number(at[2]);
  return column >= columnNumber(from[1]) && column <= columnNumber(to[1]) && row >= Number(from[2]) && row <= Number(to[2]);
}

function cachedPoints(cache: string): Map<number, string> {
  return new Map([...cache.matchAll(/<c:pt idx="(\d+)"><c:v>([^<]*)<\/c:v><\/c:pt>/g)].map(([, i, v]) => [Number(i), v]));
}

describe("charts in the refreshed example", () => {
  let folder: string;
  let refreshed: string;
  let parts: Parts;
  beforeAll(async () => {
    folder = temporaryFolder();
    const copy = path.join(folder, "budget-monitoring.xlsx");
    refreshed = path.join(folder, "refreshed.xlsx");
    fs.copyFileSync(EXAMPLE, copy);
    const run = await lac("refresh", copy, "--out", refreshed);
    expect(run.code).toBe(0);
    parts = new Map((await unzipEntries(fs.readFileSync(refreshed))).map((e) => [e.name, e.data.toString("utf8")]));
  });
  afterAll(() => removeFolder(folder));

  it("holds each declared chart as a native chart part on its report's sheet, its series reading the table's cells with their values cached", async () => {
    const types = parts.get("[Content_Types].xml") ?? "";
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(fs.readFileSync(refreshed) as unknown as ExcelJS.Buffer);
    let charts = 0;
    for (const [sheet, expected] of Object.entries(EXPECTED_CHARTS)) {
      const part = sheetPart(parts, sheet);
      const drawingRel = relsOf(parts, part).find((r) => r.type.endsWith("/relationships/drawing"));
      expect(drawingRel).toBeDefined();
      expect(parts.get(part)).toContain(`<drawing r:id="${drawingRel?.id}"/>`);
      const drawing = drawingRel?.part as string;
      expect(types).toContain(`<Override PartName="/${drawing}" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>`);
      const chartParts = relsOf(parts, drawing).filter((r) => r.type.endsWith("/relationships/chart"));
      expect(chartParts).toHaveLength(expected.length);
      const tableRanges = relsOf(parts, part)
        .filter((r) => r.type.endsWith("/relationships/table"))
        .map((r) => /\bref="([^"]+)"/.exec(parts.get(r.part) ?? "")?.[1] as string);
      const worksheet = book.getWorksheet(sheet) as ExcelJS.Worksheet;

      expected.forEach((want, i) => {
        const chart = chartParts[i].part;
        charts += 1;
        expect(chart).toMatch(/^xl\/charts\/chart\d+\.xml$/);
        expect(types).toContain(`<Override PartName="/${chart}" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`);
        const xml = parts.get(chart) as string;
        expect(/<a:t>([^<]*)<\/a:t>/.exec(xml)?.[1]).toMatch(want.title);
        expect(xml).toContain(`<c:${want.kind}>`);
        const series = [...xml.matchAll(/<c:ser>(.*?)<\/c:ser>/g)].map(([, s]) => s);
        expect(series).toHaveLength(want.series);
        for (const s of series) {
          for (const [, reference, cache] of s.matchAll(/<c:f>([^<]*)<\/c:f>(<c:(?:num|str)Cache>.*?<\/c:(?:num|str)Cache>)/g)) {
            const { sheet: referenced, cells } = cellsOfReference(reference.replace(/&apos;/g, "'"));
            expect(referenced).toBe(sheet);
            // Every cell a series reads lies in one of the sheet's report tables (its header or data rows).
            for (const cell of cells) expect(tableRanges.some((range) => inRange(cell, range))).toBe(true);
            const points = cachedPoints(cache);
            cells.forEach((cell, k) => {
              const value = worksheet.getCell(cell).value;
              if (value === null) expect(points.has(k)).toBe(false);
              // Dates as Excel holds them: serial days since 1899-12-30.
              else expect(points.get(k)).toBe(String(value instanceof Date ? value.getTime() / 86_400_000 + 25_569 : value));
            });
          }
        }
      });
    }
    expect(charts).toBe(6);
    // No sheet still says its chart appears only in Excel.
    for (const [name, xml] of parts) if (name.startsWith("xl/worksheets/")) expect(xml).not.toContain("appears when the report is refreshed in Excel");
  });

  it("gives the same chart parts when refreshed again", async () => {
    const again = path.join(folder, "again.xlsx");
    expect((await lac("refresh", refreshed, "--out", again)).code).toBe(0);
    const second = new Map((await unzipEntries(fs.readFileSync(again))).map((e) => [e.name, e.data.toString("utf8")]));
    const chartish = (p: Parts) => [...p].filter(([name]) => /^xl\/(charts|drawings)\//.test(name)).sort(([a], [b]) => a.localeCompare(b));
    expect(chartish(second)).toEqual(chartish(parts));
    expect(chartish(parts).length).toBeGreaterThanOrEqual(12);
  });
});

function installed(command: string): boolean {
  return spawnSync(command, ["--version"], { stdio: "ignore" }).error === undefined;
}

const canRender = installed("soffice") && installed("pdftoppm") && installed("pdftotext");
const describeWithLibreOffice = canRender || process.env.CI ? describe : describe.skip;
if (!canRender && !process.env.CI) {
  console.log("Skipping the chart rendering test: soffice, pdftoppm or pdftotext is not installed (apt-get install libreoffice-calc-nogui poppler-utils)");
}

/** A page rendered as RGB pixels (pdftoppm's PPM). */
function renderPage(pdf: string, page: number, out: string): { width: number; height: number; rgb: Buffer } {
  const run = spawnSync("pdftoppm", ["-r", "50", "-f", String(page), "-l", String(page), "-singlefile", pdf, out], { encoding: "utf8" });
  expect(run.status).toBe(0);
  const data = fs.readFileSync(`${out}.ppm`);
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(data.subarray(0, 40).toString("latin1")) as RegExpExecArray;
  return { width: Number(header[1]), height: Number(header[2]), rgb: data.subarray(header[0].length) };
}

/** The pixels where two renderings of a page differ, and the box around them. */
function difference(a: ReturnType<typeof renderPage>, b: ReturnType<typeof renderPage>) {
  let count = 0;
  const box = { left: Infinity, top: Infinity, right: -1, bottom: -1 };
  for (let y = 0; y < a.height; y++) {
    for (let x = 0; x < a.width; x++) {
      const i = (y * a.width + x) * 3;
      if (Math.abs(a.rgb[i] - b.rgb[i]) + Math.abs(a.rgb[i + 1] - b.rgb[i + 1]) + Math.abs(a.rgb[i + 2] - b.rgb[i + 2]) < 60) continue;
      count += 1;
      box.left = Math.min(box.left, x);
      box.right = Math.max(box.right, x);
      box.top = Math.min(box.top, y);
      box.bottom = Math.max(box.bottom, y);
    }
  }
  return { count, box };
}

describeWithLibreOffice("the refreshed example's charts in LibreOffice", () => {
  let folder: string;
  beforeAll(() => {
    folder = temporaryFolder();
  });
  afterAll(() => removeFolder(folder));

  it("draws the variance chart: its page differs from the same page without the chart by a chart-sized box of bars and axes", async () => {
    const copy = path.join(folder, "budget-monitoring.xlsx");
    const withChart = path.join(folder, "with-chart.xlsx");
    fs.copyFileSync(EXAMPLE, copy);
    expect((await lac("refresh", copy, "--out", withChart)).code).toBe(0);
    // The same file with the sheets' <drawing> elements taken out: the same rows and pages, no charts.
    const data = fs.readFileSync(withChart);
    const sheets = (await unzipEntries(data)).filter((e) => /^xl\/worksheets\/[^/]+\.xml$/.test(e.name) && e.data.includes("<drawing "));
    expect(sheets.length).toBe(Object.keys(EXPECTED_CHARTS).length);
    const withoutChart = path.join(folder, "without-chart.xlsx");
    fs.writeFileSync(withoutChart, await editParts(data, Object.fromEntries(sheets.map((s) => [s.name, (xml: string) => xml.replace(/<drawing r:id="[^"]*"\/>/, "")]))));

    for (const file of [withChart, withoutChart]) {
      const convert = spawnSync("soffice", [`-env:UserInstallation=file://${path.join(folder, "profile")}`, "--headless", "--convert-to", "pdf", "--outdir", folder, file], {
        encoding: "utf8",
        timeout: 180_000,
      });
      expect(convert.status).toBe(0);
    }
    const pdf = (file: string) => file.replace(/\.xlsx$/, ".pdf");
    const text = spawnSync("pdftotext", [pdf(withChart), "-"], { encoding: "utf8" }).stdout;
    const pages = text.split("\f");
    // The chart's title and its axis labels are text only the chart draws.
    const page = pages.findIndex((p) => p.includes("Variance by budget line (positive = overspend)")) + 1;
    expect(page).toBeGreaterThan(0);
    expect(spawnSync("pdftotext", [pdf(withoutChart), "-"], { encoding: "utf8" }).stdout).not.toContain("Variance by budget line (positive = overspend)");

    const drawn = renderPage(pdf(withChart), page, path.join(folder, "with"));
    const blank = renderPage(pdf(withoutChart), page, path.join(folder, "without"));
    expect([drawn.width, drawn.height]).toEqual([blank.width, blank.height]);
    const { count, box } = difference(drawn, blank);
    console.log(`chart rendering: page ${page}, ${count} pixels differ, in a box of ${box.right - box.left + 1} x ${box.bottom - box.top + 1} on a page of ${drawn.width} x ${drawn.height}`);
    // A chart of 8 columns by 18 rows: a box a good part of the page wide, filled well beyond a few letters.
    expect(box.right - box.left).toBeGreaterThan(drawn.width / 4);
    expect(count).toBeGreaterThan(2000);
  }, 400_000);
});
