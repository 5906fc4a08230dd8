#!/usr/bin/env node
/**
 * Pictures of report sheets as a person sees them printed, for the README:
 * each sheet alone (the others hidden, landscape, fitted to the page width) → LibreOffice →
 * PDF → pdftoppm → PNG.
 *
 *   node scripts/render-report-pictures.js [WORKBOOK] [--out docs/images]
 *
 * WORKBOOK defaults to the refreshed example npm start writes (examples/out/), else the
 * committed example. Needs `libreoffice` (Debian: libreoffice-calc-nogui) and `pdftoppm`
 * (poppler-utils); fonts-crosextra-carlito gives Calibri's widths, as in Excel.
 */

const fs = require("fs");
const os = require("os");
const path = require("path");
const { execFileSync } = require("child_process");
const ExcelJS = require("exceljs");

const ROOT = path.resolve(__dirname, "..");
const PICTURES = [
  { sheet: "LAC Costs", file: "lac-costs.png" },
  { sheet: "LAC Variance", file: "lac-variance.png" },
  { sheet: "LAC Forecast", file: "lac-forecast.png" },
  { sheet: "LAC Scenarios", file: "lac-scenarios.png" },
  { sheet: "LAC Data Quality", file: "lac-data-quality.png" },
];
const RESOLUTION_DPI = 110;

function defaultWorkbook() {
  const refreshed = path.join(ROOT, "examples", "out", "budget-monitoring.refreshed.xlsx");
  return fs.existsSync(refreshed) ? refreshed : path.join(ROOT, "examples", "budget-monitoring.xlsx");
}

function parseArguments(argv) {
  let workbook = null;
  let out = path.join(ROOT, "docs", "images");
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--out") out = path.resolve(argv[++i] ?? "");
    else workbook = path.resolve(argv[i]);
  }
  return { workbook: workbook ?? defaultWorkbook(), out };
}

/** A copy of the workbook in which only `sheetName` shows, set up to print one page wide. */
async function singleSheetCopy(workbook, sheetName, file) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(workbook);
  const wanted = book.getWorksheet(sheetName);
  if (!wanted) throw new Error(`${workbook} has no sheet "${sheetName}": refresh it first (lac refresh)`);
  for (const sheet of book.worksheets) sheet.state = sheet === wanted ? "visible" : "hidden";
  wanted.pageSetup = {
    ...wanted.pageSetup,
    orientation: "landscape",
    paperSize: 9, // A4
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: { left: 0.3, right: 0.3, top: 0.3, bottom: 0.3, header: 0, footer: 0 },
  };
  book.views = [{ activeTab: book.worksheets.indexOf(wanted), firstSheet: 0, visibility: "visible" }];
  await book.xlsx.writeFile(file);
}

function run(command, args) {
  try {
    execFileSync(command, args, { stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    if (error.code === "ENOENT") throw new Error(`${command} is not installed (Debian: apt-get install libreoffice-calc-nogui poppler-utils)`);
    throw new Error(`${command} failed: ${String(error.stderr || error.message).trim().split("\n").pop()}`);
  }
}

async function main() {
  const { workbook, out } = parseArguments(process.argv.slice(2));
  if (!fs.existsSync(workbook)) throw new Error(`${workbook} does not exist: run npm start (or lac refresh) first`);
  fs.mkdirSync(out, { recursive: true });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "lac-pictures-"));
  try {
    // A profile of its own, so that a LibreOffice the user has open does not take the job.
    const profile = `-env:UserInstallation=file://${path.join(work, "profile")}`;
    for (const { sheet, file } of PICTURES) {
      const stem = path.basename(file, ".png");
      const copy = path.join(work, `${stem}.xlsx`);
      await singleSheetCopy(workbook, sheet, copy);
      run("libreoffice", [profile, "--headless", "--convert-to", "pdf", "--outdir", work, copy]);
      run("pdftoppm", ["-png", "-r", String(RESOLUTION_DPI), "-f", "1", "-l", "1", "-singlefile", path.join(work, `${stem}.pdf`), path.join(out, stem)]);
      console.log(`${sheet} → ${path.relative(process.cwd(), path.join(out, file))}`);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`render-report-pictures: ${error.message}`);
  process.exitCode = 1;
});
