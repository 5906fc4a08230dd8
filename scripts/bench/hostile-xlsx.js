/**
 * Hostile .xlsx files through the command line's adapter: small files that claim, or reach, far
 * more than they hold. Each is opened and its Episodes sheet read; the figure is the time and the
 * process's peak memory until the refusal (or the read, for the file whose dimension lies). The
 * files are made in the untimed set-up, with ExcelJS and then an edit of their XML.
 * See scripts/bench.js for the module contract.
 */

"use strict";

const path = require("path");
const ExcelJS = require("exceljs");
const JSZip = require("jszip");

const DIST = path.join(__dirname, "..", "..", "dist", "node");
const { ExcelJsWorkbook } = require(path.join(DIST, "workbook", "exceljs", "excelJsWorkbook.js"));

async function episodesXlsx(extra) {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("Episodes");
  sheet.addRow(["CHILD", "DECOM", "PLACE", "DEC"]);
  sheet.addRow(["A", "2023-04-01", "U4", ""]);
  if (extra) extra(sheet);
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function edited(data, part, edit) {
  const zip = await JSZip.loadAsync(data);
  zip.file(part, edit(await zip.file(part).async("string")));
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

const SHEET = "xl/worksheets/sheet1.xml";

module.exports = {
  title: "Hostile .xlsx files: a far cell, a lying dimension, ranges ExcelJS would expand",
  async run(bench) {
    const files = [
      ["one value in XFD1048576", await episodesXlsx((sheet) => (sheet.getCell("XFD1048576").value = 1))],
      ["a dimension of A1:XFD1048576 (read: 1 row)", await edited(await episodesXlsx(), SHEET, (xml) => xml.replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD1048576"/>'))],
      ["a merge over E1:XFD1048576", await edited(await episodesXlsx(), SHEET, (xml) => xml.replace("</sheetData>", '</sheetData><mergeCells count="1"><mergeCell ref="E1:XFD1048576"/></mergeCells>'))],
      ["a data validation over A1:XFD1048576", await edited(await episodesXlsx(), SHEET, (xml) => xml.replace("</sheetData>", '</sheetData><dataValidations count="1"><dataValidation type="whole" sqref="A1:XFD1048576"><formula1>1</formula1></dataValidation></dataValidations>'))],
    ];
    for (const [what, data] of files) {
      bench.gc();
      const outcome = await bench.time(`${what} (${(data.length / 1024).toFixed(0)} KB)`, async () => {
        try {
          const table = await (await ExcelJsWorkbook.fromBuffer(data, {}, "the file")).readTable("Episodes");
          return `read ${table.rows.length} row`;
        } catch (error) {
          return `refused: ${error.message}`;
        }
      }, { target: { ms: 1000, mb: 100 } });
      bench.note(`${what}: ${outcome.slice(0, 160)}${outcome.length > 160 ? "…" : ""}`);
    }
    bench.note("Before: the file with one value in XFD1048576 ran 57 s and ran out of memory; the merge and the validation exhaust memory inside ExcelJS's load (measured 34 s and 100 s+).");
  },
};
