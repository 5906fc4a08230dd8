/**
 * `lac example`: writes the example budget-monitoring workbook (synthetic data; see
 * exampleWorkbook.ts) and, unless told not to, refreshes its report sheets, so that anyone can
 * make their own with more children, another seed or another month.
 */

import { Command } from "commander";
import { dayFromYmd, formatIsoDate } from "../engine/dates";
import { refreshReports, refreshSummaryLines } from "../reports/refresh";
import { ExcelJsWorkbook } from "../workbook/exceljs/excelJsWorkbook";
import { dateArgument, wholeNumberArgument } from "./arguments";
import { EXAMPLE_SHEETS, asExcelSavesExample, buildExampleWorkbook } from "./exampleWorkbook";
import { checkOutputFiles, writeFileAtomically } from "./files";
import { CliError, CliIo, EXIT_USAGE, outputOf } from "./io";
import { WorkbookError } from "../workbook/port";
import { formatCount } from "./textTable";

export interface ExampleCommandOptions {
  out: string;
  children: string;
  seed: string;
  end: string;
  reports: boolean;
  force?: boolean;
}

/** The committed example: a small council's looked-after children, at period 8 of 2023-24. */
export const EXAMPLE_DEFAULTS = { children: 300, seed: 11, end: dayFromYmd(2023, 11, 30) } as const;

/** An example is a workbook to open in Excel: beyond this many children it is a benchmark, not an example. */
const MAX_EXAMPLE_CHILDREN = 50_000;

export function registerExampleCommand(program: Command): void {
  program
    .command("example")
    .description("write an example budget-monitoring workbook (synthetic data, no real child) with its report sheets")
    .option("--out <file>", "the .xlsx workbook to write", "budget-monitoring.xlsx")
    .option("--children <n>", "number of looked-after children in the sample", String(EXAMPLE_DEFAULTS.children))
    .option("--seed <n>", "any whole number; the same seed gives the same workbook", String(EXAMPLE_DEFAULTS.seed))
    .option("--end <date>", "last day of the data: the workbook monitors the budget of the financial year holding it", formatIsoDate(EXAMPLE_DEFAULTS.end))
    .option("--no-reports", "write the data sheets only (lac refresh adds the report sheets)")
    .option("--force", "replace --out if it exists")
    .action(async (options: ExampleCommandOptions, command: Command) => runExample(options, outputOf(command)));
}

export async function runExample(options: ExampleCommandOptions, io: CliIo): Promise<void> {
  const children = wholeNumberArgument("--children", options.children, 1, MAX_EXAMPLE_CHILDREN);
  const seed = wholeNumberArgument("--seed", options.seed, -2_147_483_648, 4_294_967_295);
  const end = dateArgument("--end", options.end);
  if (!options.out.toLowerCase().endsWith(".xlsx")) throw new CliError(`--out: ${options.out}: the example is an .xlsx workbook; give the name an .xlsx ending`, EXIT_USAGE);
  checkOutputFiles({ "--out": options.out }, [], options.force === true);

  const book = await ExcelJsWorkbook.fromBuffer(await buildExampleWorkbook({ children, seed, end }), {}, options.out);
  const reportLines = options.reports ? refreshSummaryLines(await refreshReports(book)) : [];
  let bytes: Buffer;
  try {
    bytes = await asExcelSavesExample(await book.toBuffer());
  } catch (error) {
    if (error instanceof WorkbookError) throw new CliError(error.message);
    throw error;
  }
  writeFileAtomically(options.out, bytes);
  const sheets = (await book.listSheets()).map((s) => s.name);
  const tables = (await book.listTables()).filter((t) => t.source === "table" && EXAMPLE_SHEETS.some((s) => s === t.sheet));
  io.out(
    `Wrote the example workbook (seed ${seed}, ${formatCount(children)} children) to ${options.out}\n` +
      `  Sheets: ${sheets.join(", ")}\n` +
      `  Data tables: ${tables.map((t) => `${t.name} (${formatCount(t.rowCount)} rows)`).join(", ")}\n` +
      reportLines.map((line) => `  ${line}\n`).join("") +
      (options.reports ? "" : `Add the report sheets with: lac refresh ${options.out}\n`),
  );
}
