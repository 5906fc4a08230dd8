/**
 * Workbook bench, the command line's side: the ExcelJS adapter on an .xlsx of 50,000 episode rows
 * (about half the size its limits accept) — open and read the episodes, write a report sheet
 * into the workbook and save it atomically — and the refusal of a 200,000-row workbook, which is
 * over those limits. See scripts/bench.js for the module contract.
 *
 * The input files are written in the untimed set-up with ExcelJS's streaming writer, which
 * needs little memory, so that the peaks shown are the adapter's.
 */

"use strict";

const fs = require("fs");
const os = require("os");
const path = require("path");

const DIST = path.join(__dirname, "..", "..", "dist", "node");
const ExcelJS = require("exceljs");
const { ExcelJsWorkbook } = require(path.join(DIST, "workbook", "exceljs", "excelJsWorkbook.js"));
const { writeFileAtomically } = require(path.join(DIST, "cli", "files.js"));
const { excelSerialOfDay } = require(path.join(DIST, "engine", "dates.js"));
const { HEADERS, episodeRows } = require("./workbook-data.cjs");

const ROWS = 50_000;
const LARGE_ROWS = 200_000;

async function writeEpisodesXlsx(file, count) {
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const sheet = writer.addWorksheet("Episodes");
  sheet.addRow(HEADERS).commit();
  for (const row of episodeRows(count)) {
    sheet.addRow(row.map((cell, j) => (typeof cell === "number" && (j === 1 || j === 7) ? excelSerialOfDay(cell) : cell))).commit();
  }
  sheet.commit();
  await writer.commit();
}

function reportSpec() {
  const groups = ["Agency Foster Care out LA", "LA Foster Care in LA", "Agency Residential out LA", "LA Residential in LA", "Semi-Independence"];
  return {
    name: "LAC Costs",
    title: "Placement costs (benchmark)",
    blocks: [
      {
        kind: "table",
        name: "LAC_Bench_Costs",
        columns: [
          { header: "Placement group", kind: "text", total: { label: "Total" } },
          { header: "Total £", kind: "currency", total: "sum" },
          { header: "Time (weeks)", kind: "weeks", total: "sum" },
        ],
        rows: groups.map((g, i) => [g, 100000 * (i + 1), 52 * (i + 1)]),
      },
      { kind: "chart", chart: { type: "column", title: "Cost by placement group", table: "LAC_Bench_Costs", category: "Placement group", series: ["Total £"] } },
    ],
  };
}

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

module.exports = {
  title: `Workbook port on .xlsx files (ExcelJS, ${ROWS.toLocaleString("en-GB")} episode rows)`,
  async run(bench) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lac-bench-xlsx-"));
    try {
      const input = path.join(dir, "episodes.xlsx");
      const output = path.join(dir, "report.xlsx");
      await writeEpisodesXlsx(input, ROWS);
      bench.note(`input: ${mb(fs.statSync(input).size)} .xlsx of ${ROWS.toLocaleString("en-GB")} episode rows.`);
      bench.gc();
      const book = await bench.time("open (zip checks, then ExcelJS load)", () => ExcelJsWorkbook.open(input));
      const table = await bench.time("read the episodes sheet", () => book.readTable("Episodes"), { per: { count: ROWS, unit: "row" } });
      if (table.rows.length !== ROWS) throw new Error(`read ${table.rows.length} rows of ${ROWS}`);
      await bench.time("write a report sheet and save the whole workbook (temporary file, then rename)", async () => {
        await book.writeSheet(reportSpec());
        writeFileAtomically(output, await book.toBuffer());
      });

      const large = path.join(dir, "large.xlsx");
      await writeEpisodesXlsx(large, LARGE_ROWS);
      const refusal = await bench.time(`refuse a ${LARGE_ROWS.toLocaleString("en-GB")}-row workbook (over the limits)`, () =>
        ExcelJsWorkbook.open(large).then(
          () => "opened",
          (error) => error.message,
        ),
      );
      bench.note(`${LARGE_ROWS.toLocaleString("en-GB")} rows (${mb(fs.statSync(large).size)}): ${refusal}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
