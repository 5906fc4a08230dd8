/**
 * Refresh bench: what the add-in's Refresh report spends outside Excel on a large workbook — the
 * whole refreshReports (read the input tables, clean, cost, forecast, value the scenarios,
 * variance, lay out every report sheet) over 200,000 episode rows. The workbook is an in-memory
 * port that hands over the tables as Excel would return them and lays out each report as both
 * adapters do, so the time is the engine's and the reports', not Excel's. See scripts/bench.js
 * for the module contract.
 */

"use strict";

const path = require("path");

const DIST = path.join(__dirname, "..", "..", "dist", "node");
const { generateSample } = require(path.join(DIST, "engine", "sample.js"));
const { dayFromYmd, excelSerialOfDay, parseDate } = require(path.join(DIST, "engine", "dates.js"));
const { refreshReports } = require(path.join(DIST, "reports", "refresh.js"));
const { layoutSheet } = require(path.join(DIST, "workbook", "layout.js"));
const { WorkbookError } = require(path.join(DIST, "workbook", "port.js"));

const EPISODE_ROWS = 200_000;
const SEED = 20240331;
const DATA_END = dayFromYmd(2024, 3, 31);
const DATE_COLUMNS = new Set(["DECOM", "DEC", "DOB", "MC_DOB", "DUC"]);

/** Dates as Excel gives them to the add-in: serial numbers. */
function asExcelReturnsIt(table) {
  const dateColumns = table.headers.map((h) => DATE_COLUMNS.has(h));
  const rows = table.rows.map((row) => row.map((cell, i) => (dateColumns[i] && typeof cell === "string" && cell !== "" ? excelSerialOfDay(parseDate(cell)) : cell)));
  return { headers: table.headers, rows, firstRowNumber: 2 };
}

/** A workbook held in memory: its input tables, and the report sheets laid out as the adapters lay them out. */
class InMemoryWorkbook {
  constructor(tables) {
    this.tables = tables;
    this.sheets = new Map();
  }
  async listSheets() {
    return [...Object.keys(this.tables).map((name) => ({ name, owned: false, visible: true })), ...[...this.sheets.keys()].map((name) => ({ name, owned: true, visible: true }))];
  }
  async listTables() {
    return Object.entries(this.tables).map(([name, table]) => ({ name, sheet: name, source: "table", headers: table.headers.map(String), rowCount: table.rows.length }));
  }
  async readTable(source) {
    const name = typeof source === "string" ? source : source.table ?? source.sheet;
    const table = this.tables[name];
    if (!table) throw new WorkbookError("not-found", `no table or sheet "${name}"`);
    return table;
  }
  async isOwned(sheetName) {
    return this.sheets.has(sheetName);
  }
  async writeSheet(spec) {
    const layout = layoutSheet(spec);
    const replaced = this.sheets.has(spec.name);
    this.sheets.set(spec.name, layout);
    const rows = layout.regions.reduce((most, r) => Math.max(most, r.top + r.rows.length), 0);
    return { sheet: spec.name, rows, requests: 0, largestRequestBytes: 0, replaced };
  }
  async freeSheetName(wanted) {
    return `${wanted} (2)`;
  }
}

module.exports = {
  title: "Refresh report over 200,000 episode rows (engine and reports, Excel's round trips excluded)",
  async run(bench) {
    // Enough children for EPISODE_ROWS rows, then exactly that many rows.
    const sample = generateSample({ children: Math.ceil(EPISODE_ROWS / 2.1), seed: SEED, end: DATA_END });
    sample.episodes.rows = sample.episodes.rows.slice(0, EPISODE_ROWS);
    const tables = {
      Episodes: asExcelReturnsIt(sample.episodes),
      Children: asExcelReturnsIt(sample.children),
      UASC: asExcelReturnsIt(sample.uasc),
      Unit_costs: sample.unitCosts,
      Budget: {
        headers: ["Budget line", "Budget", "Actual to date", "Forecast outturn", "Last month's forecast"],
        rows: [
          ["LAC placements", 1_500_000_000, 1_400_000_000, 1_510_000_000, 1_520_000_000],
          ["Agency social workers", 1_250_000, 950_000, 1_425_000, 1_400_000],
        ],
        firstRowNumber: 2,
      },
    };
    bench.note(
      `Data (not timed): ${tables.Episodes.rows.length.toLocaleString("en-GB")} episode rows of ${tables.Children.rows.length.toLocaleString("en-GB")} children ` +
        `from the sample generator (seed ${SEED}, to 31/03/2024), dates as Excel serial numbers, the sample's unit costs, a two-line budget.`,
    );
    bench.gc();
    let steps = 0;
    const summary = await bench.time("refreshReports: every report sheet", () => refreshReports(new InMemoryWorkbook(tables), {}, () => (steps += 1)), {
      per: { count: EPISODE_ROWS, unit: "row" },
    });
    bench.note(
      `wrote ${summary.written.map((w) => w.sheet).join(", ")}; failed: ${summary.failed.length === 0 ? "none" : summary.failed.map((f) => `${f.sheet} (${f.message})`).join("; ")}; ` +
        `${steps} progress reports; rows in ${summary.counts.rowsIn.toLocaleString("en-GB")}, used ${summary.counts.rowsUsed.toLocaleString("en-GB")}, rejected ${summary.counts.rowsRejected.toLocaleString("en-GB")}.`,
    );
  },
};
