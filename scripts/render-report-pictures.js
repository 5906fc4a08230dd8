#!/usr/bin/env node
/**
 * Pictures of report sheets as a person sees them printed, for the README and docs/reports.md:
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
const JSZip = require("jszip");

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

/**
 * A copy of the workbook in which only `sheetName` shows: the other sheets hidden in
 * xl/workbook.xml and the view opened on it. Every other part is kept (a load and save through
 * ExcelJS would drop the charts); the report sheets already print landscape, one page wide.
 */
async function singleSheetCopy(workbook, sheetName, file) {
  const zip = await JSZip.loadAsync(fs.readFileSync(workbook));
  const xml = await zip.file("xl/workbook.xml").async("string");
  const nameOf = (tag) => (/\sname="([^"]*)"/.exec(tag)?.[1] ?? "").replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  const sheets = [...xml.matchAll(/<sheet\b[^>]*>/g)].map(([tag]) => tag);
  const index = sheets.findIndex((tag) => nameOf(tag) === sheetName);
  if (index === -1) throw new Error(`${workbook} has no sheet "${sheetName}": refresh it first (lac refresh)`);
  const edited = xml
    .replace(/<sheet\b[^>]*>/g, (tag) => {
      const shown = tag.replace(/\sstate="[^"]*"/, "");
      return nameOf(tag) === sheetName ? shown : shown.replace(/^<sheet\b/, '<sheet state="hidden"');
    })
    .replace(/<bookViews>.*?<\/bookViews>/s, "")
    // Opened on the sheet shown: LibreOffice prints the sheet a workbook opens on even when it is hidden.
    .replace(/<sheets>/, `<bookViews><workbookView activeTab="${index}"/></bookViews><sheets>`);
  zip.file("xl/workbook.xml", edited);
  fs.writeFileSync(file, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
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
