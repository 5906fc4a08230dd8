/**
 * Workbook bench, the add-in's side: a sheet of 200,000 episode rows (the 13 SSDA903 columns)
 * written to and read from Excel through the Office adapter. See scripts/bench.js for the module
 * contract.
 *
 * Excel cannot run here, so the figures come from the Office adapter's own request plan
 * (planValueRequests in src/workbook/requests.ts, compiled in dist/node: the adapter sends
 * exactly these requests, one context.sync() each) and from its read sizer run over the rows as
 * Excel would return them. The test suite checks the same plan against a mocked Excel that
 * measures every request it receives (test/workbook/office.test.ts).
 */

"use strict";

const path = require("path");

const DIST = path.join(__dirname, "..", "..", "dist", "node");
const { layoutSheet } = require(path.join(DIST, "workbook", "layout.js"));
const { planValueRequests, ReadBlockSizer, blockBytes, EXCEL_REQUEST_LIMIT_BYTES } = require(path.join(DIST, "workbook", "requests.js"));
const { episodeRows, episodesSpec } = require("./workbook-data.cjs");

const ROWS = 200_000;
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

module.exports = {
  title: "Workbook port in Excel (200,000 episode rows)",
  async run(bench) {
    const spec = episodesSpec(episodeRows(ROWS));
    bench.gc();
    const plan = await bench.time("write: lay out the sheet and plan its requests", () => planValueRequests(layoutSheet(spec).regions), {
      per: { count: ROWS, unit: "row" },
    });
    const largest = Math.max(...plan.map((r) => r.bytes));
    const total = plan.reduce((sum, r) => sum + r.bytes, 0);
    bench.note(
      `write: ${plan.length + 3} requests (1 to look at the workbook, 1 to mark the sheet and empty it, ${plan.length} of values with their number formats, ` +
        `1 of table, fonts and widths that takes the mark off); largest ${mb(largest)} under Excel's ${mb(EXCEL_REQUEST_LIMIT_BYTES)} limit; ${mb(total)} in all.`,
    );
    const report = await bench.time("write: plan for a report sheet of 10,000 rows", () => planValueRequests(layoutSheet(episodesSpec(episodeRows(10_000))).regions));
    bench.note(`a sheet of 10,000 rows: ${report.length + 3} requests, the same as for 10 rows.`);

    // What Excel returns for the sheet: the header row, then the rows, dates as serial numbers, blanks as "".
    const layout = layoutSheet(spec);
    const header = layout.regions.find((r) => r.rows.length === 1 && r.rows[0][0] === "CHILD");
    const data = layout.regions.find((r) => r.rows.length === ROWS);
    const sheetRows = [header.rows[0], ...data.rows].map((row) => row.map((c) => (c === null ? "" : c)));
    const blocks = await bench.time("read: size the blocks over the same rows", () => {
      const sizer = new ReadBlockSizer();
      const sizes = [];
      for (let at = 0; at < sheetRows.length; ) {
        const block = sheetRows.slice(at, at + sizer.nextRows(sheetRows.length - at));
        sizer.observe(block);
        sizes.push({ rows: block.length, bytes: blockBytes(block) });
        at += block.length;
      }
      return sizes;
    });
    bench.note(
      `read: ${blocks.length + 2} requests (1 to find the sheet, 1 for its size, ${blocks.length} blocks of ${blocks.map((b) => b.rows).join(", ")} rows); ` +
        `largest response ${mb(Math.max(...blocks.map((b) => b.bytes)))}.`,
    );
  },
};
