/**
 * `lac costs`: cost the placement episodes of a period and print the cost calculator's three
 * summaries, the uncosted episodes and what was wrong with the input rows.
 */

import { Command } from "commander";
import { formatUkDate } from "../engine/dates";
import { Child, Episode, checkBirthDates, readChildren, readEpisodes } from "../engine/episodes";
import { Period, PeriodError, checkPeriod, periodDays } from "../engine/costs";
import { readPlacementTypeOverrides } from "../engine/placementGroups";
import { ReadResult, RowIssue } from "../engine/quality";
import { CostSummaries, CostLine, UNKNOWN_AGE, summariseCosts } from "../engine/summaries";
import { Table, TableError } from "../engine/table";
import { UnitCostTable, readUnitCosts } from "../engine/unitCosts";
import { CsvTable, writeCsv } from "../workbook/csv";
import { CliError, CliIo, EXIT_USAGE, outputOf } from "./io";
import { checkOutputFiles, readCsvFile, writeTextFile } from "./files";
import { dateArgument } from "./arguments";
import { formatCount, formatPounds, formatTextTable, formatWeeks } from "./textTable";

export interface CostsOptions {
  episodes: string;
  children: string;
  from: string;
  to: string;
  uasc?: string;
  unitCosts?: string;
  placementTypes?: string;
  out?: string;
  issuesOut?: string;
  force?: boolean;
}

/** Columns of the placement-group CSV, fixed so that other tools can read it. */
export const GROUP_CSV_HEADERS = ["group", "type", "provided", "location", "total", "weeks", "avg_weekly"];

/** How many row issues the terminal shows; the rest go to --issues-out. */
const ISSUES_SHOWN = 5;

export function registerCostsCommand(program: Command): void {
  program
    .command("costs")
    .description("cost the placement episodes of a period: summaries by placement group, by age × needs and by time in care")
    .requiredOption("--episodes <file>", "episodes CSV: SSDA903 columns, optionally WEEKLY_COST and LOCATION")
    .requiredOption("--children <file>", "children CSV: the SSDA903 header (CHILD, DOB, …), optionally a UASC column")
    .requiredOption("--from <date>", "first day of the period, e.g. 2023-04-01 or 01/04/2023")
    .requiredOption("--to <date>", "last day of the period, included, e.g. 2024-03-31")
    .option("--uasc <file>", "UASC CSV (CHILD, DOB, DUC): the children listed are unaccompanied asylum-seeking children")
    .option("--unit-costs <file>", "unit costs CSV (TYPE, PROVIDED, LOCATION, WEEKLY_COST) for episodes without WEEKLY_COST")
    .option("--placement-types <file>", "CSV of PLACE, TYPE overriding the default placement types")
    .option("--out <file>", "write the placement-group summary as CSV (group,type,provided,location,total,weeks,avg_weekly)")
    .option("--issues-out <file>", "write every row problem found in the input as CSV")
    .option("--force", "replace --out and --issues-out files that exist")
    .action(async (options: CostsOptions, command: Command) => runCosts(options, outputOf(command)));
}

export async function runCosts(options: CostsOptions, io: CliIo): Promise<void> {
  const period = periodOf(options.from, options.to);
  checkOutputFiles(
    { "--out": options.out, "--issues-out": options.issuesOut },
    [options.episodes, options.children, options.uasc, options.unitCosts, options.placementTypes],
    options.force === true,
  );
  const episodeFile = await readCsvFile(options.episodes, { tableName: "Episodes" });
  const childFile = await readCsvFile(options.children, { tableName: "Children" });
  const uascFile = options.uasc ? await readCsvFile(options.uasc, { tableName: "UASC" }) : undefined;
  const unitCostFile = options.unitCosts ? await readCsvFile(options.unitCosts, { tableName: "Unit costs" }) : undefined;
  const typesFile = options.placementTypes ? await readCsvFile(options.placementTypes, { tableName: "Placement types" }) : undefined;

  const episodes = readOrExplain(options.episodes, () => readEpisodes(episodeFile));
  const children = checkBirthDates(readOrExplain(options.children, () => readChildren(childFile, uascFile)), episodes.records);
  const unitCostsRead = unitCostFile && options.unitCosts ? readOrExplain(options.unitCosts, () => readUnitCosts(unitCostFile)) : undefined;
  const typesRead = typesFile && options.placementTypes ? readOrExplain(options.placementTypes, () => readPlacementTypeOverrides(typesFile)) : undefined;

  const summaries = summariseCosts({
    episodes: episodes.records,
    children: children.records,
    period,
    unitCosts: unitCostsRead ? new UnitCostTable(unitCostsRead.records) : undefined,
    overrides: typesRead?.overrides,
  });

  const quality: TableQuality[] = [
    tableQuality("Episodes", episodeFile, episodes),
    tableQuality("Children", childFile, children),
  ];
  if (unitCostFile && unitCostsRead) quality.push(tableQuality("Unit costs", unitCostFile, unitCostsRead));
  if (typesFile && typesRead) quality.push(tableQuality("Placement types", typesFile, typesRead));
  const uascIssues = uascFile?.report.issues ?? [];

  io.out(costsReport(summaries, options, children.records, episodes.records));
  io.out(qualityReport(quality, uascIssues, uascFile, children.records, options.issuesOut));

  if (options.out) {
    writeTextFile(options.out, groupSummaryCsv(summaries));
    io.out(`Wrote the placement-group summary to ${options.out}\n`);
  }
  if (options.issuesOut) {
    const issues = [...quality.flatMap((q) => q.issues), ...uascIssues];
    writeTextFile(options.issuesOut, issuesCsv(issues));
    io.out(`Wrote ${formatCount(issues.length)} row issue${issues.length === 1 ? "" : "s"} to ${options.issuesOut}\n`);
  }
}

function periodOf(from: string, to: string): Period {
  const period = { start: dateArgument("--from", from), end: dateArgument("--to", to) };
  try {
    checkPeriod(period);
  } catch (error) {
    if (error instanceof PeriodError) throw new CliError(`--from/--to: ${error.message}`, EXIT_USAGE);
    throw error;
  }
  return period;
}

/** Runs a reader; a table without a required column is the file's fault, reported with its name. */
function readOrExplain<T>(path: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof TableError) throw new CliError(`${path}: ${error.message}`);
    throw error;
  }
}

interface TableQuality {
  name: string;
  rowsIn: number;
  used: number;
  rejected: number;
  corrected: number;
  issues: RowIssue[];
}

/** Counts for one input, CSV-level rejections (rows the parser blanked out) included. */
function tableQuality<T>(name: string, file: CsvTable, read: ReadResult<T>): TableQuality {
  const issues = [...file.report.issues, ...read.issues].sort((a, b) => a.row - b.row);
  const rejectedRows = new Set(issues.filter((i) => i.action === "rejected").map((i) => i.row));
  const correctedRows = new Set(issues.filter((i) => i.action === "corrected" && !rejectedRows.has(i.row)).map((i) => i.row));
  return {
    name,
    rowsIn: read.rowsIn + file.report.rowsRejected,
    used: read.records.length,
    rejected: read.rowsRejected + file.report.rowsRejected,
    corrected: correctedRows.size,
    issues,
  };
}

const MONEY_COLUMNS = [
  { header: "Total £", align: "right" as const },
  { header: "Weeks", align: "right" as const },
  { header: "Avg £/week", align: "right" as const },
];

function moneyCells(line: CostLine): string[] {
  return [formatPounds(line.total), formatWeeks(line.weeks), formatPounds(line.avgWeekly)];
}

function costsReport(summaries: CostSummaries, options: CostsOptions, children: readonly Child[], episodes: readonly Episode[]): string {
  const { period, total } = summaries;
  const days = periodDays(period);
  const costedEpisodes = summaries.byGroup.reduce((sum, row) => sum + row.episodes, 0);
  const parts: string[] = [];
  parts.push(
    `LAC costs from ${formatUkDate(period.start)} to ${formatUkDate(period.end)} (${formatCount(days)} day${days === 1 ? "" : "s"})\n` +
      `${formatCount(episodes.length)} episodes of ${formatCount(children.length)} children read; ` +
      `${formatCount(costedEpisodes + summaries.uncosted.episodes)} with days in the period\n`,
  );
  const totalRow = (label: string, blanks: number) => [label, ...Array<string>(blanks).fill(""), ...moneyCells(total)];

  parts.push(
    "By placement group\n" +
      formatTextTable(
        [{ header: "Placement group" }, { header: "Episodes", align: "right" }, ...MONEY_COLUMNS],
        summaries.byGroup.map((row) => [row.group, formatCount(row.episodes), ...moneyCells(row)]),
        ["Total", formatCount(costedEpisodes), ...moneyCells(total)],
      ),
  );
  parts.push(
    "By age and needs (age in whole years; episodes split at birthdays)\n" +
      formatTextTable(
        [{ header: "Age", align: "right" }, { header: "Needs" }, ...MONEY_COLUMNS],
        summaries.byAgeAndNeeds.map((row) => [row.age === UNKNOWN_AGE ? "Unknown" : String(row.age), row.needs, ...moneyCells(row)]),
        totalRow("Total", 1),
      ),
  );
  parts.push(
    "By time in care (length of the continuous period of care)\n" +
      formatTextTable(
        [{ header: "Time in care" }, ...MONEY_COLUMNS],
        summaries.byTimeInCare.map((row) => [row.band, ...moneyCells(row)]),
        totalRow("Total", 0),
      ),
  );

  let closing = `Grand total: ${formatPounds(total.total)} for ${formatWeeks(total.weeks)} weeks`;
  closing += total.avgWeekly === null ? "\n" : ` (${formatPounds(total.avgWeekly)} a week on average)\n`;
  const { uncosted } = summaries;
  if (uncosted.episodes > 0) {
    closing +=
      `Uncosted: ${formatCount(uncosted.episodes)} episode${uncosted.episodes === 1 ? "" : "s"}, ${formatWeeks(uncosted.weeks)} weeks, ` +
      `not in the totals: no WEEKLY_COST and no unit cost for ${listSome(uncosted.groups, 8)}` +
      (options.unitCosts ? "\n" : " (give unit costs with --unit-costs)\n");
  } else {
    closing += "Uncosted: none\n";
  }
  if (summaries.episodesWithoutChild > 0) {
    closing += `Episodes whose child is not in ${options.children}: ${formatCount(summaries.episodesWithoutChild)} (costed, age Unknown)\n`;
  }
  parts.push(closing);
  return parts.join("\n");
}

function qualityReport(
  quality: readonly TableQuality[],
  uascIssues: readonly RowIssue[],
  uascFile: Table | undefined,
  children: readonly Child[],
  issuesOut: string | undefined,
): string {
  let text =
    "\nData quality\n" +
    formatTextTable(
      [{ header: "Table" }, { header: "Rows in", align: "right" }, { header: "Used", align: "right" }, { header: "Rejected", align: "right" }, { header: "Corrected", align: "right" }],
      quality.map((q) => [q.name, formatCount(q.rowsIn), formatCount(q.used), formatCount(q.rejected), formatCount(q.corrected)]),
    );
  if (uascFile) text += `UASC: ${formatCount(children.filter((c) => c.uasc).length)} children flagged\n`;
  const issues = [...quality.flatMap((q) => q.issues), ...uascIssues];
  const shown = [...issues.filter((i) => i.action === "rejected"), ...issues.filter((i) => i.action === "corrected")].slice(0, ISSUES_SHOWN);
  if (shown.length === 0) return `${text}No row problems.\n`;
  text += `First ${shown.length === 1 ? "problem" : `${shown.length} problems`} of ${formatCount(issues.length)}:\n`;
  for (const issue of shown) text += `  ${issue.table} row ${issue.row} (${issue.action}): ${issue.reason}\n`;
  text += issuesOut ? `All of them are in ${issuesOut}.\n` : "See all of them with --issues-out issues.csv.\n";
  return text;
}

/** "a, b, c and 4 more" */
function listSome(items: readonly string[], most: number): string {
  if (items.length <= most) return items.join(", ");
  return `${items.slice(0, most).join(", ")} and ${items.length - most} more`;
}

function roundTo(value: number, places: number): number {
  const factor = 10 ** places;
  return Math.round(value * factor) / factor;
}

export function groupSummaryCsv(summaries: CostSummaries): string {
  return writeCsv([
    GROUP_CSV_HEADERS,
    ...summaries.byGroup.map((row) => [
      row.group,
      row.type,
      row.provided,
      row.location,
      roundTo(row.total, 2),
      roundTo(row.weeks, 2),
      row.avgWeekly === null ? null : roundTo(row.avgWeekly, 2),
    ]),
  ]);
}

function issuesCsv(issues: readonly RowIssue[]): string {
  return writeCsv([["table", "row", "column", "action", "reason"], ...issues.map((i) => [i.table, i.row, i.column ?? null, i.action, i.reason])]);
}
