/**
 * `lac refresh`: the add-in's Refresh report on an .xlsx file, for a machine without Excel or a
 * scheduled job. It finds the data tables (or reads the mapping the add-in saved in LAC
 * Settings), rebuilds every report sheet through the same port and reports as the add-in, and
 * writes the workbook to --out, or in place after a backup copy. Nothing is written when the
 * file cannot be read or holds none of the data tables, when the workbook is open in Excel or
 * LibreOffice or is read-only, or when --out exists and --force is not given; every write is
 * atomic (files.ts). With --pack it also writes a committee pack (src/reports/committeePack.ts).
 */

import * as path from "path";
import { Command } from "commander";
import { formatUkDate } from "../engine/dates";
import { DEFAULT_SHEET_NAMES, REPORT_KEYS, ReportKey } from "../reports/common";
import { committeePackSheets } from "../reports/committeePack";
import { RefreshSummary, readSavedSettings, refreshReports, refreshSummaryLines, saveSettings } from "../reports/refresh";
import { SETTINGS_SHEET, mergeSettings } from "../reports/settings";
import { sameName } from "../workbook/addresses";
import { committeePackBytes } from "../workbook/exceljs/committeePack";
import { ExcelJsWorkbook } from "../workbook/exceljs/excelJsWorkbook";
import { WorkbookError } from "../workbook/port";
import { checkOutputFiles, checkWritableInPlace, copyToNewFile, fileError, fileVersion, sameFile, writeFileAtomically } from "./files";
import { CliError, CliIo, EXIT_USAGE, outputOf } from "./io";
import { formatCount, formatTextTable } from "./textTable";

export interface RefreshCommandOptions {
  out?: string;
  pack?: string;
  force?: boolean;
}

/**
 * Extensions of workbooks the command line cannot refresh. A macro-enabled workbook (.xlsm) or a
 * template (.xltx, .xltm) refreshes like an .xlsx: the refresh writes only its own sheets, so the
 * macros and the file's type are kept.
 */
const UNSUPPORTED_EXTENSIONS: Readonly<Record<string, string>> = {
  ".xlsb": "a binary workbook: save it as .xlsx in Excel first",
  ".xls": "an old-format workbook: save it as .xlsx in Excel first",
  ".ods": "a LibreOffice workbook: save it as .xlsx first",
};

export function registerRefreshCommand(program: Command): void {
  program
    .command("refresh")
    .description("rebuild every LAC report sheet of an .xlsx workbook from its data tables, as the add-in's Refresh report does")
    .argument("<workbook>", "the .xlsx workbook: tables or sheets named Episodes, Children, Unit costs, Budget, Scenarios (or as set in its LAC Settings sheet)")
    .option("--out <file>", "write the refreshed workbook to this .xlsx file; without it the workbook is refreshed in place, after a backup copy")
    .option("--pack <file>", "also write a committee pack to this .xlsx file: the report sheets alone, values only, with no child's data")
    .option("--force", "replace --out or --pack if it exists")
    .action(async (workbook: string, options: RefreshCommandOptions, command: Command) => {
      await runRefresh(workbook, options, outputOf(command));
    });
}

/** Opens a workbook through the port, with the port's reason as the command's error. */
async function openWorkbook(file: string): Promise<ExcelJsWorkbook> {
  try {
    return await ExcelJsWorkbook.open(file);
  } catch (error) {
    if (error instanceof WorkbookError) throw new CliError(error.message);
    throw fileError(file, error);
  }
}

export async function runRefresh(file: string, options: RefreshCommandOptions, io: CliIo, now: Date = new Date()): Promise<void> {
  const started = Date.now();
  const unsupported = UNSUPPORTED_EXTENSIONS[path.extname(file).toLowerCase()];
  if (unsupported) throw new CliError(`${file} is ${unsupported}`);
  const extension = path.extname(file).toLowerCase();
  if (options.out !== undefined && path.extname(options.out).toLowerCase() !== extension) {
    throw new CliError(`--out: ${options.out}: the refreshed workbook is the same kind of file as ${file}; give the name a ${extension || ".xlsx"} ending`, EXIT_USAGE);
  }
  if (options.pack !== undefined && path.extname(options.pack).toLowerCase() !== ".xlsx") {
    throw new CliError(`--pack: ${options.pack}: the committee pack is an .xlsx workbook; give the name an .xlsx ending`, EXIT_USAGE);
  }
  const inPlace = options.out === undefined || sameFile(options.out, file);
  const target = options.out ?? file;
  // Before the work, so that a refresh that cannot be written is refused at once.
  if (inPlace) checkWritableInPlace(file);
  checkOutputFiles({ "--out": inPlace ? undefined : options.out, "--pack": options.pack }, [file], options.force === true);

  // Taken before reading, so a save at any moment after it is noticed.
  const versionRead = inPlace ? fileVersion(file) : null;
  const port = await openWorkbook(file);
  const moved = await reportSheetsTakenByTheUser(port);
  const { notes, sheetNames } = await rememberSheetNames(port, moved);
  const summary = await refreshReports(port, { sheetNames });
  if (!summary.inputs.some((input) => input.table !== "LAC Settings" && input.source !== null)) {
    throw new CliError(
      `${file}: none of the data tables was found, so there is nothing to refresh and nothing was written. ` +
        "The workbook needs an Excel table or sheet named Episodes (SSDA903 columns CHILD, DECOM, PLACE, DEC, …), " +
        "and optionally Children, Unit costs, Budget and Scenarios; or name yours in a LAC Settings sheet (the add-in's Settings)",
    );
  }

  let bytes: Buffer;
  try {
    bytes = await port.toBuffer();
  } catch (error) {
    if (error instanceof WorkbookError) throw new CliError(error.message);
    throw error;
  }
  // Saved by someone else while the reports were being built: replacing it would lose their save.
  if (versionRead !== null && fileVersion(file) !== versionRead) {
    throw new CliError(`${file} was changed while it was being refreshed (saved from another program?), so it was not written: run lac refresh again`);
  }
  const pack = options.pack === undefined ? null : { file: options.pack, sheets: committeePackSheets(summary.specs) };
  const packBytes = pack === null ? null : await committeePackBytes(pack.sheets);
  const backup = inPlace ? backupCopy(file, now) : null;
  writeFileAtomically(target, bytes);
  if (pack !== null && packBytes !== null) {
    writeFileAtomically(pack.file, packBytes);
    notes.push(`Committee pack ${pack.file}: ${pack.sheets.map((s) => s.name).join(", ")} (values only; no child's data)`);
  }

  io.out(refreshReport(file, target, backup, summary, notes, Date.now() - started));
  if (summary.failed.length > 0) {
    const sheets = summary.failed.map((f) => f.sheet).join(", ");
    throw new CliError(`not refreshed: ${sheets} (see above); the other report sheets were written to ${target}`);
  }
}

interface MovedReport {
  report: ReportKey;
  /** The user's sheet that has the report's name. */
  from: string;
  to: string;
}

/**
 * Report sheet names held by sheets the user made (the add-in did not): the report goes to the
 * port's free name instead, so the user's sheet is never touched.
 */
async function reportSheetsTakenByTheUser(port: ExcelJsWorkbook): Promise<MovedReport[]> {
  const saved = (await readSavedSettings(port)).settings;
  const sheets = await port.listSheets();
  const moved: MovedReport[] = [];
  for (const report of REPORT_KEYS) {
    const wanted = saved.sheetNames?.[report] || DEFAULT_SHEET_NAMES[report];
    const sheet = sheets.find((s) => sameName(s.name, wanted));
    if (sheet && !sheet.owned) moved.push({ report, from: sheet.name, to: await port.freeSheetName(wanted) });
  }
  return moved;
}

/**
 * Saves the free names in LAC Settings before the refresh, as the add-in does when the user
 * takes its suggested name, so that this refresh and every later one write to the same sheets.
 * Where LAC Settings cannot be written, the names hold for this refresh only.
 */
async function rememberSheetNames(port: ExcelJsWorkbook, moved: readonly MovedReport[]): Promise<{ notes: string[]; sheetNames: Partial<Record<ReportKey, string>> }> {
  if (moved.length === 0) return { notes: [], sheetNames: {} };
  const notes = moved.map((m) => `"${m.from}" is a sheet of yours (the add-in did not make it), so it was left as it is and the report went to "${m.to}".`);
  const sheetNames = Object.fromEntries(moved.map((m) => [m.report, m.to]));
  try {
    await saveSettings(port, mergeSettings((await readSavedSettings(port)).settings, { sheetNames }));
    notes.push(`The new sheet name${moved.length === 1 ? " is" : "s are"} saved in the ${SETTINGS_SHEET} sheet for the next refresh.`);
    return { notes, sheetNames: {} };
  } catch (error) {
    if (!(error instanceof WorkbookError)) throw error;
    notes.push(`The new sheet names could not be saved in ${SETTINGS_SHEET} (${error.message}), so the next refresh chooses again.`);
    return { notes, sheetNames };
  }
}

/**
 * Copies the workbook to `<name>.backup-YYYYMMDD-HHMMSS.xlsx` beside it: a new name, never over
 * another file, and written whole or not at all, so a kill leaves no truncated backup.
 */
function backupCopy(file: string, now: Date): string {
  const two = (n: number) => String(n).padStart(2, "0");
  const stamp = `${now.getFullYear()}${two(now.getMonth() + 1)}${two(now.getDate())}-${two(now.getHours())}${two(now.getMinutes())}${two(now.getSeconds())}`;
  const extension = path.extname(file);
  const stem = file.slice(0, file.length - extension.length);
  for (let n = 1; ; n++) {
    const backup = `${stem}.backup-${stamp}${n === 1 ? "" : `-${n}`}${extension}`;
    if (copyToNewFile(file, backup)) return backup;
  }
}

function refreshReport(file: string, target: string, backup: string | null, summary: RefreshSummary, notes: readonly string[], milliseconds: number): string {
  const parts: string[] = [];
  const when = [
    summary.asAt === null ? null : `data up to ${formatUkDate(summary.asAt)}`,
    summary.period === null ? null : `costs for ${formatUkDate(summary.period.start)} to ${formatUkDate(summary.period.end)}`,
  ].filter((p) => p !== null);
  parts.push(`Refreshed ${file}${when.length > 0 ? `: ${when.join("; ")}` : ""}\n`);
  parts.push(
    "Inputs\n" +
      formatTextTable(
        [
          { header: "Input" },
          { header: "Found in" },
          { header: "Rows", align: "right" },
          { header: "Used", align: "right" },
          { header: "Rejected", align: "right" },
          { header: "Superseded", align: "right" },
        ],
        summary.inputs.map((i) => [
          i.table,
          i.source ?? i.status,
          i.source === null ? "" : formatCount(i.rowsIn),
          i.source === null ? "" : formatCount(i.rowsUsed),
          i.source === null ? "" : formatCount(i.rowsRejected),
          i.source === null ? "" : formatCount(i.rowsSuperseded),
        ]),
      ),
  );
  const unreadable = summary.inputs.filter((i) => i.source !== null && i.status !== "Read");
  if (unreadable.length > 0) parts.push(unreadable.map((i) => `${i.table} (${i.source}): ${i.status}\n`).join(""));
  const totals: string[] = [];
  const { forecastStart, forecastEnd } = summary.totals;
  if (forecastStart !== null && forecastEnd !== null) totals.push(`Children in care: ${forecastStart.toFixed(1)} now, ${forecastEnd.toFixed(1)} at the forecast's end`);
  parts.push(`Report sheets\n${[...refreshSummaryLines(summary), ...totals].map((line) => `  ${line}\n`).join("")}`);
  if (notes.length > 0) parts.push(`Notes\n${notes.map((n) => `  ${n}\n`).join("")}`);
  let written = `Wrote ${target}`;
  if (backup !== null) written += ` (the workbook as it was is in ${backup})`;
  parts.push(`${written} in ${(milliseconds / 1000).toFixed(1)} s\n`);
  return parts.join("\n");
}
