#!/usr/bin/env node
/**
 * `npm start`: show the add-in doing its job on the example budget-monitoring workbook.
 *
 * - Windows or macOS with Excel installed: builds the add-in (npm run build:dev), then
 *   office-addin-debugging starts the dev server and opens Excel with the add-in sideloaded and
 *   a copy of the example workbook open (examples/out/budget-monitoring.xlsx).
 * - Anywhere else (Linux, or no Excel found): the command line refreshes the example into
 *   examples/out/budget-monitoring.refreshed.xlsx, prints its summary, and says how to try the
 *   add-in in Excel on the web.
 *
 * LAC_START=cli or LAC_START=excel chooses the path whatever the platform.
 * It never ends in a stack trace: a problem is one line saying what went wrong and what to do.
 */

const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");

const ROOT = path.resolve(__dirname, "..");
const EXAMPLE = path.join(ROOT, "examples", "budget-monitoring.xlsx");
const OUT = path.join(ROOT, "examples", "out");
const REFRESHED = path.join(OUT, "budget-monitoring.refreshed.xlsx");
const EXCEL_COPY = path.join(OUT, "budget-monitoring.xlsx");
/** The command line as package.json's "bin" runs it, and the bundle it runs (npm run build:node). */
const CLI = path.join(ROOT, "bin", "lac.js");
const CLI_BUNDLE = path.join(ROOT, "dist", "node", "lac.bundle.js");
/** What the command line is built from (tsconfig.node.json, webpack.cli.config.js): a newer file here means the bundle is stale. */
const CLI_SOURCES = ["src/engine", "src/reports", "src/workbook", "src/cli", "tsconfig.json", "tsconfig.node.json", "webpack.cli.config.js"];
const IS_WINDOWS = process.platform === "win32";

/** A problem the user can act on: what went wrong, and what to do. */
class StartProblem extends Error {
  constructor(message, advice) {
    super(message);
    this.advice = advice;
  }
}

const relative = (file) => path.relative(process.cwd(), file) || file;
/** Paths handed to the command line are relative to the project, which is where it runs, so its summary reads short. */
const fromRoot = (file) => path.relative(ROOT, file);

function say(text = "") {
  process.stdout.write(`${text}\n`);
}

/** Runs a command with its output on the terminal; a failure becomes a StartProblem. */
function run(command, args, what, advice, env = process.env) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: "inherit", env, shell: IS_WINDOWS });
  if (result.error) throw new StartProblem(`${what}: ${result.error.code === "ENOENT" ? `${command} was not found` : result.error.message}`, advice);
  if (result.status !== 0) throw new StartProblem(`${what} failed (exit code ${result.status}; its messages are above)`, advice);
}

/** Environment for npm scripts and the Office tools: the project's node_modules/.bin first on PATH. */
function toolEnvironment() {
  const bin = path.join(ROOT, "node_modules", ".bin");
  return { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ""}` };
}

function npm(script, advice) {
  run(IS_WINDOWS ? "npm.cmd" : "npm", ["run", script], `npm run ${script}`, advice, toolEnvironment());
}

function checkInstalled() {
  if (!fs.existsSync(path.join(ROOT, "node_modules", "exceljs"))) {
    throw new StartProblem("the project's packages are not installed", "run npm install (or npm ci) first, then npm start");
  }
}

function excelInstalled() {
  if (process.platform === "darwin") return fs.existsSync("/Applications/Microsoft Excel.app");
  if (!IS_WINDOWS) return false;
  const query = spawnSync("reg", ["query", "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\App Paths\\excel.exe"], { stdio: "ignore" });
  if (query.status === 0) return true;
  const programFiles = [process.env.ProgramFiles, process.env["ProgramFiles(x86)"]].filter(Boolean);
  return programFiles.some((folder) => fs.existsSync(path.join(folder, "Microsoft Office", "root", "Office16", "EXCEL.EXE")));
}

function newestChange(file) {
  const stats = fs.statSync(file);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return fs.readdirSync(file).reduce((latest, name) => Math.max(latest, newestChange(path.join(file, name))), stats.mtimeMs);
}

/** Builds the command line (npm run build:node) when its bundle is missing or older than its sources. */
function ensureCommandLine() {
  const built = fs.existsSync(CLI_BUNDLE) ? fs.statSync(CLI_BUNDLE).mtimeMs : -1;
  const sources = Math.max(...CLI_SOURCES.map((s) => path.join(ROOT, s)).filter((s) => fs.existsSync(s)).map(newestChange));
  if (built >= sources) return;
  say(built < 0 ? "Building the command line (first run)…" : "Rebuilding the command line (its sources changed)…");
  npm("build:node", "fix the TypeScript errors shown above, then run npm start again");
}

function lac(args, what) {
  run(
    process.execPath,
    [CLI, ...args],
    what,
    "see the error line above. If examples/budget-monitoring.xlsx is damaged, restore it from the repository, " +
      `or make a new one with: node ${fromRoot(CLI)} example --force --out examples/budget-monitoring.xlsx`,
  );
}

/** The workbook to start from: the committed example, or a fresh one if it has been removed. */
function exampleWorkbook() {
  if (fs.existsSync(EXAMPLE)) return EXAMPLE;
  const made = path.join(OUT, "budget-monitoring.generated.xlsx");
  say(`${relative(EXAMPLE)} is missing: making a new example with lac example.`);
  lac(["example", "--no-reports", "--force", "--out", fromRoot(made)], "lac example");
  return made;
}

function startWithoutExcel(reason) {
  say(`LAC Cost Engine: ${reason}, so npm start shows the add-in's Refresh report with the command line.`);
  say();
  ensureCommandLine();
  fs.mkdirSync(OUT, { recursive: true });
  // The refreshed copy is npm start's own output: each run replaces it.
  lac(["refresh", fromRoot(exampleWorkbook()), "--out", fromRoot(REFRESHED), "--force"], "lac refresh");
  say();
  say(`The refreshed workbook is ${relative(REFRESHED)}: its report sheets are LAC Costs, LAC Forecast, LAC Scenarios,`);
  say("LAC Variance and LAC Data Quality. Open it in Excel or LibreOffice to read them.");
  say();
  say("Try the add-in itself in Excel on the web:");
  say("  1. npm run dev-server        (serves the add-in on https://localhost:3000; the first run installs a");
  say("                                development certificate: accept it)");
  say(`  2. Upload ${relative(REFRESHED)} to OneDrive or SharePoint and open it in Excel on the web.`);
  say("  3. Home ▸ Add-ins ▸ More Add-ins ▸ My Add-ins ▸ Upload My Add-in, and choose manifest.xml.");
  say("  4. Home ▸ LAC Cost Engine ▸ Refresh report rebuilds the report sheets, with charts; =LAC. in a cell lists the functions.");
  say();
  say(`Run it on your own workbook: node ${relative(CLI)} refresh your-workbook.xlsx   (npm run lac -- --help for every command)`);
}

function startWithExcel(reason) {
  say(`LAC Cost Engine: ${reason}, so npm start builds the add-in and opens Excel with it and the example workbook.`);
  // The Office tools keep a usage-data setting in the user's profile; ours is off. (Their current
  // versions send nothing whatever it says; the older ones honour it.)
  run("office-addin-usage-data", ["off"], "turning the Office tools' usage data off", "run npx office-addin-usage-data off yourself, then npm start again", toolEnvironment());
  npm("build:dev", "fix the build errors shown above, then run npm start again");
  fs.mkdirSync(OUT, { recursive: true });
  if (!fs.existsSync(EXCEL_COPY)) fs.copyFileSync(exampleWorkbook(), EXCEL_COPY);
  say(`Opening ${relative(EXCEL_COPY)} (a copy of the example; yours to change). npm run stop removes the add-in again.`);
  run(
    "office-addin-debugging",
    ["start", "manifest.xml", "desktop", "--document", EXCEL_COPY],
    "office-addin-debugging start",
    "check that Excel can start and that the dev server's certificate is installed (npx office-addin-dev-certs install); LAC_START=cli npm start shows the command line instead",
    toolEnvironment(),
  );
}

function main() {
  checkInstalled();
  const chosen = process.env.LAC_START;
  if (chosen !== undefined && chosen !== "cli" && chosen !== "excel") {
    throw new StartProblem(`LAC_START is "${chosen}"`, "set it to cli or excel, or leave it unset");
  }
  if (chosen === "excel") return startWithExcel("LAC_START=excel");
  if (chosen === "cli") return startWithoutExcel("LAC_START=cli");
  if (process.platform !== "win32" && process.platform !== "darwin") return startWithoutExcel(`Excel does not run on ${process.platform}`);
  if (!excelInstalled()) return startWithoutExcel("Excel was not found on this computer");
  return startWithExcel("Excel is installed");
}

try {
  main();
} catch (error) {
  if (error instanceof StartProblem) {
    process.stderr.write(`npm start: ${error.message}.\nWhat to do: ${error.advice}.\n`);
  } else {
    process.stderr.write(`npm start: unexpected problem (${error && error.message ? error.message : String(error)}); please report it.\n`);
  }
  process.exitCode = 1;
}
