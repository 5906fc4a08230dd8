/**
 * `lac costs`: cost the placement episodes of a period and print the cost calculator's three
 * summaries, the uncosted episodes and what was wrong with the input rows.
 */

import { Command } from "commander";
import { formatUkDate } from "../engine/dates";
import { Child, Episode } from "../engine/episodes";
import { Period, PeriodError, checkPeriod, periodDays } from "../engine/costs";
import { EngineInputs, costSourcesOf } from "../engine/pipeline";
import { RowIssue } from "../engine/quality";
import { CostSummaries, CostLine, UNKNOWN_AGE, summariseCosts } from "../engine/summaries";
import { NATIONAL_UNIT_COST_HEADERS, nationalUnitCostRows } from "../engine/nationalUnitCosts";
import { writeCsv } from "../workbook/csv";
import { CliError, CliIo, EXIT_USAGE, outputOf } from "./io";
import { checkOutputFiles, writeTextFile } from "./files";
import { inputFilesOf, readInputFiles } from "./inputFiles";
import { Day } from "../engine/dates";
import { SETTINGS, Setting } from "../engine/settings";
import { settingArgument } from "./arguments";
import { formatCount, formatPounds, formatTextTable, formatWeeks } from "./textTable";

export interface CostsOptions {
  episodes: string;
  children: string;
  from: string;
  to: string;
  uasc?: string;
  unitCosts?: string;
  /** False with --no-national-costs: episodes left without a cost stay uncosted. */
  nationalCosts?: boolean;
  writeNationalCosts?: string;
  placementTypes?: string;
  out?: string;
  issuesOut?: string;
  force?: boolean;
}

/**
 * Columns of the placement-group CSV, fixed so that other tools can read it (new columns go at
 * the end). `total` and `avg_weekly` are blank for a group none of whose weeks is costed; `weeks`
 * and `episodes` count every episode, costed or not.
 */
export const GROUP_CSV_HEADERS = ["group", "type", "provided", "location", "total", "weeks", "avg_weekly", "episodes", "costed_weeks", "national_total"];

/** How many row issues the terminal shows; the rest go to --issues-out. */
const ISSUES_SHOWN = 5;

export function registerCostsCommand(program: Command): void {
  program
    .command("costs")
    .description("cost the placement episodes of a period: summaries by placement group, by age × needs and by time in care")
    .requiredOption("--episodes <file>", "episodes CSV: SSDA903 columns, optionally WEEKLY_COST and LOCATION")
    .requiredOption("--children <file>", "children CSV: the SSDA903 header (CHILD, DOB, …), optionally a UASC column")
    .requiredOption("--from <date>", `first day of the period, ${SETTINGS.costsFrom.accepts}`)
    .requiredOption("--to <date>", `last day of the period, included, ${SETTINGS.costsTo.accepts}`)
    .option("--uasc <file>", "UASC CSV (CHILD, DOB, DUC): the children listed are unaccompanied asylum-seeking children")
    .option("--unit-costs <file>", "unit costs CSV (TYPE, PROVIDED, LOCATION, WEEKLY_COST) for episodes without WEEKLY_COST")
    .option("--no-national-costs", "leave episodes uncosted where neither WEEKLY_COST nor --unit-costs gives a cost, rather than use the national unit costs")
    .option("--write-national-costs <file>", "write the national unit costs as a unit costs CSV you can edit and give back with --unit-costs")
    .option("--placement-types <file>", "CSV of PLACE, TYPE overriding the default placement types")
    .option("--out <file>", `write the placement-group summary as CSV (${GROUP_CSV_HEADERS.join(",")})`)
    .option("--issues-out <file>", "write every row problem found in the input as CSV")
    .option("--force", "replace --out and --issues-out files that exist")
    .action(async (options: CostsOptions, command: Command) => runCosts(options, outputOf(command)));
}

export async function runCosts(options: CostsOptions, io: CliIo): Promise<void> {
  const period = periodOf(options.from, options.to);
  checkOutputFiles(
    { "--out": options.out, "--issues-out": options.issuesOut, "--write-national-costs": options.writeNationalCosts },
    Object.values(inputFilesOf(options)),
    options.force === true,
  );
  const inputs = await readInputFiles(inputFilesOf(options), { nationalUnitCosts: options.nationalCosts !== false });
  const { episodes, children } = inputs.ledger;
  const summaries = summariseCosts({ episodes, children, period, ...costSourcesOf(inputs) });

  io.out(costsReport(summaries, options, children, episodes));
  io.out(qualityReport(inputs, options.issuesOut));

  if (options.writeNationalCosts) {
    writeTextFile(options.writeNationalCosts, writeCsv([NATIONAL_UNIT_COST_HEADERS, ...nationalUnitCostRows()]));
    io.out(`Wrote the national unit costs (each row with its source and price year) to ${options.writeNationalCosts}\n`);
  }
  if (options.out) {
    writeTextFile(options.out, groupSummaryCsv(summaries));
    io.out(`Wrote the placement-group summary to ${options.out}\n`);
  }
  if (options.issuesOut) {
    writeTextFile(options.issuesOut, issuesCsv(inputs.issues));
    io.out(`Wrote ${formatCount(inputs.issues.length)} row issue${inputs.issues.length === 1 ? "" : "s"} to ${options.issuesOut}\n`);
  }
}

function periodOf(from: string, to: string): Period {
  const period = { start: requiredDay(SETTINGS.costsFrom, from), end: requiredDay(SETTINGS.costsTo, to) };
  try {
    checkPeriod(period);
  } catch (error) {
    if (error instanceof PeriodError) throw new CliError(`--from/--to: ${error.message}`, EXIT_USAGE);
    throw error;
  }
  return period;
}

function requiredDay(setting: Setting<Day>, text: string): Day {
  const day = settingArgument(setting, text);
  if (day === undefined) throw new CliError(`${setting.flag}: a date is needed, e.g. 2024-03-31`, EXIT_USAGE);
  return day;
}

const MONEY_COLUMNS = [
  { header: "Total £", align: "right" as const },
  { header: "Weeks", align: "right" as const },
  { header: "Avg £/week", align: "right" as const },
];

/** Total, weeks and average; the total reads "-" where the line has weeks but none of them costed. */
function moneyCells(line: CostLine): string[] {
  const total = line.costedWeeks === 0 && line.weeks > 0 ? null : line.total;
  return [formatPounds(total), formatWeeks(line.weeks), formatPounds(line.avgWeekly)];
}

function costsReport(summaries: CostSummaries, options: CostsOptions, children: readonly Child[], episodes: readonly Episode[]): string {
  const { period, total } = summaries;
  const days = periodDays(period);
  const episodesInPeriod = summaries.byGroup.reduce((sum, row) => sum + row.episodes, 0);
  const parts: string[] = [];
  parts.push(
    `LAC costs from ${formatUkDate(period.start)} to ${formatUkDate(period.end)} (${formatCount(days)} day${days === 1 ? "" : "s"})\n` +
      `${formatCount(episodes.length)} episodes of ${formatCount(children.length)} children read; ` +
      `${formatCount(episodesInPeriod)} with days in the period\n`,
  );
  const totalRow = (label: string, blanks: number) => [label, ...Array<string>(blanks).fill(""), ...moneyCells(total)];

  parts.push(
    "By placement group\n" +
      formatTextTable(
        [{ header: "Placement group" }, { header: "Episodes", align: "right" }, ...MONEY_COLUMNS, { header: "National £", align: "right" }],
        summaries.byGroup.map((row) => [row.group, formatCount(row.episodes), ...moneyCells(row), nationalCell(row)]),
        ["Total", formatCount(episodesInPeriod), ...moneyCells(total), nationalCell(total)],
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

  const allCosted = total.costedWeeks === total.weeks;
  let closing = `Grand total: ${formatPounds(total.total)} for ${formatWeeks(total.costedWeeks)} ${allCosted ? "weeks" : `costed weeks of ${formatWeeks(total.weeks)}`}`;
  closing += total.avgWeekly === null ? "\n" : ` (${formatPounds(total.avgWeekly)} a week on average)\n`;
  closing += nationalNote(total, options);
  const { uncosted } = summaries;
  if (uncosted.episodes > 0) {
    closing +=
      `Uncosted: ${formatCount(uncosted.episodes)} episode${uncosted.episodes === 1 ? "" : "s"}, ${formatWeeks(uncosted.weeks)} weeks, ` +
      `in the weeks but not in the £ totals: no WEEKLY_COST, no unit cost${options.nationalCosts === false ? "" : " and no national figure"} for ${listSome(uncosted.groups, 8)}` +
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

/** Rows in, used, rejected and superseded per input, the rows each cleaning rule touched, and the first row problems. */
export function qualityReport(inputs: EngineInputs, issuesOut: string | undefined): string {
  const read = inputs.counts.filter((c) => c.source !== null);
  const corrected = (table: string) => {
    const rejected = new Set(inputs.issues.filter((i) => i.table === table && i.action === "rejected").map((i) => i.row));
    return new Set(inputs.issues.filter((i) => i.table === table && i.action === "corrected" && !rejected.has(i.row)).map((i) => i.row)).size;
  };
  let text =
    "\nData quality\n" +
    formatTextTable(
      [
        { header: "Table" },
        { header: "Rows in", align: "right" },
        { header: "Used", align: "right" },
        { header: "Rejected", align: "right" },
        { header: "Superseded", align: "right" },
        { header: "Corrected", align: "right" },
      ],
      read.map((c) => [c.table, formatCount(c.rowsIn), formatCount(c.rowsUsed), formatCount(c.rowsRejected), formatCount(c.rowsSuperseded), formatCount(corrected(c.table))]),
    );
  text +=
    "\nCombining the returns\n" +
    formatTextTable(
      [{ header: "Rule" }, { header: "Rows", align: "right" }],
      inputs.ledger.rules.map((r) => [r.rule, formatCount(r.rowsTouched)]),
    );
  if (inputs.uascChildren !== null) text += `UASC: ${formatCount(inputs.uascChildren)} children flagged\n`;
  const issues = inputs.issues;
  const shown = (["rejected", "corrected", "noted"] as const).flatMap((action) => issues.filter((i) => i.action === action)).slice(0, ISSUES_SHOWN);
  if (shown.length === 0) return `${text}No row problems.\n`;
  text += `First ${shown.length === 1 ? "problem" : `${shown.length} problems`} of ${formatCount(issues.length)}:\n`;
  for (const issue of shown) text += `  ${issue.table} row ${issue.row} (${issue.action}): ${issue.reason}\n`;
  text += issuesOut ? `All of them are in ${issuesOut}.\n` : "See all of them with --issues-out issues.csv.\n";
  return text;
}

/** The part of a line costed from the national card; "-" where none of it is. */
function nationalCell(line: CostLine): string {
  return line.nationalWeeks === 0 ? "-" : formatPounds(line.nationalTotal);
}

/** How much of the total is national estimates, and how to change that. */
function nationalNote(total: CostLine, options: CostsOptions): string {
  if (options.nationalCosts === false) return "National unit costs: not used (--no-national-costs)\n";
  if (total.nationalWeeks === 0) return "Costed from national unit costs: none\n";
  const share = total.total > 0 ? ` (${((total.nationalTotal / total.total) * 100).toFixed(1)}% of the total)` : "";
  return (
    `Costed from national unit costs: ${formatPounds(total.nationalTotal)}${share} for ${formatWeeks(total.nationalWeeks)} weeks: ` +
    `national estimates (docs/national-unit-costs.md gives each row's source and price year), not this council's prices; ` +
    "see or edit them with --write-national-costs, give your own with --unit-costs, or leave them out with --no-national-costs\n"
  );
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
      row.costedWeeks === 0 ? null : roundTo(row.total, 2),
      roundTo(row.weeks, 2),
      row.avgWeekly === null ? null : roundTo(row.avgWeekly, 2),
      row.episodes,
      roundTo(row.costedWeeks, 2),
      roundTo(row.nationalTotal, 2),
    ]),
  ]);
}

function issuesCsv(issues: readonly RowIssue[]): string {
  return writeCsv([["table", "row", "column", "action", "reason"], ...issues.map((i) => [i.table, i.row, i.column ?? null, i.action, i.reason])]);
}
