/**
 * `lac forecast` and `lac backtest`: the predictive model of docs/method/forecast.md on SSDA903 CSV files.
 * The forecast prints the children in care now, in a year and in two, with a band, the cost per
 * financial year and what cleaning did to the rows; the backtest prints how far a forecast made
 * at a cut-off was from what happened, for the reference and the default mode side by side.
 */

import { Command } from "commander";
import { EXIT_ROUTES, PLACEMENT_CATEGORIES } from "../engine/codes";
import { Day, addMonths, dayFromYmd, financialYearLabel, formatIsoDate, formatUkDate } from "../engine/dates";
import { Child, Episode } from "../engine/episodes";
import {
  BacktestResult,
  CleaningRule,
  ForecastError,
  ForecastMode,
  ForecastOptions,
  ForecastResult,
  RateAdjustment,
  VarianceMethod,
  readItemCosts,
  RollingBacktest,
  WINDOW_SCORING,
  WindowChoice,
  rollingBacktest,
  runBacktest,
  runForecast,
} from "../engine/forecast";
import { PlacementTypeOverrides } from "../engine/placementGroups";
import { Cell, FieldSpec, TableError, cellNumber, cellText, isBlankRow, resolveColumns, rowNumberOf } from "../engine/table";
import { UnitCostTable } from "../engine/unitCosts";
import { writeCsv } from "../workbook/csv";
import { SETTINGS } from "../engine/settings";
import { dateArgument, settingArgument, settingHelp, wholeNumberArgument } from "./arguments";
import { checkOutputFiles, readCsvFile, writeTextFile } from "./files";
import { inputFilesOf, readInputFiles } from "./inputFiles";
import { monthlyCostsCsv } from "./monthlyCostsCsv";
import { CliError, CliIo, EXIT_USAGE, outputOf } from "./io";
import { formatCount, formatOneDecimal, formatPounds, formatTextTable } from "./textTable";

/** Options both commands share: the inputs and the model's switches. */
export interface ModelCliOptions {
  episodes: string;
  children: string;
  uasc?: string;
  referenceStart?: string;
  referenceEnd?: string;
  months?: string;
  mode?: string;
  rates?: string;
  leaveCareAt18?: string;
  variance?: string;
  fromFirstReturn?: string;
  band?: string;
  adjustments?: string;
  dataStart?: string;
}

export interface ForecastCliOptions extends ModelCliOptions {
  start?: string;
  unitCosts?: string;
  placementTypes?: string;
  inflation?: string;
  target?: string;
  out?: string;
  ratesOut?: string;
  entriesOut?: string;
  costsOut?: string;
  itemCosts?: string;
  force?: boolean;
}

/** A backtest looks a year past its cut-off unless told otherwise. */
const BACKTEST_MONTHS = 12;

export interface BacktestCliOptions extends ModelCliOptions {
  cutoff?: string;
  step?: string;
  out?: string;
  force?: boolean;
}

/** Months between the cut-offs of a rolling backtest unless told otherwise. */
const BACKTEST_STEP = 3;

function modelOptions(command: Command): Command {
  return command
    .requiredOption("--episodes <file>", "episodes CSV: SSDA903 columns (CHILD, DECOM, RNE, PLACE, DEC, REC, …)")
    .requiredOption("--children <file>", "children CSV: the SSDA903 header (CHILD, DOB, …); with a YEAR column the latest year's row is used")
    .option("--uasc <file>", "UASC CSV (CHILD, DOB, DUC): counted and reported; the model does not treat UASC apart")
    .option("--reference-start <date>", settingHelp(SETTINGS.ratesFrom))
    .option("--reference-end <date>", settingHelp(SETTINGS.ratesTo))
    .option("--rates <method>", "mean (of daily ratios, the open model) or pooled (default mode)")
    .option("--leave-care-at-18 <yes|no>", "whether a child in care on their 18th birthday leaves care (yes in default mode)")
    .option("--variance <method>", "open-model (per state, summed) or covariance (default mode)")
    .option("--from-first-return <yes|no>", "measure rates and entries only from the first return's start, 1 April of the first recorded DEC's year (yes in default mode)")
    .option("--data-start <date>", "the data's first day, 1 April of the first return's year (default: from the episodes' YEAR column, else 1 April of the first recorded DEC's year)")
    .option("--band <level>", settingHelp(SETTINGS.bandLevel))
    .option("--adjustments <file>", "CSV of rate adjustments for a scenario: KIND (transition or entry), FROM, TO, MULTIPLY, ADD");
}

export function registerForecastCommands(program: Command): void {
  modelOptions(
    program
      .command("forecast")
      .description("forecast the children in care month by month: totals, band, exits by route and costs"),
  )
    .option("--start <date>", settingHelp(SETTINGS.forecastStart))
    .option("--months <n>", settingHelp(SETTINGS.forecastMonths))
    .option("--mode <mode>", settingHelp(SETTINGS.forecastMode))
    .option("--unit-costs <file>", "unit costs CSV (TYPE, PROVIDED, LOCATION, WEEKLY_COST) for placements without WEEKLY_COST")
    .option("--placement-types <file>", "CSV of PLACE, TYPE overriding the default placement types for costing")
    .option("--inflation <rate>", settingHelp(SETTINGS.inflation))
    .option("--target <n>", settingHelp(SETTINGS.forecastTarget))
    .option("--out <file>", "write the forecast as CSV: date,state,population,variance (start, 1st of each month, last day)")
    .option("--rates-out <file>", "write the daily transition rates used as CSV: from,to,rate")
    .option("--entries-out <file>", "write the daily entry rates as CSV: state,daily_rate")
    .option("--costs-out <file>", "write the forecast cost per calendar month and cost item as CSV: month,item,cost (month yyyy-mm); in reference mode the open model's own costs")
    .option("--item-costs <file>", "reference mode: CSV of ITEM, WEEKLY_COST replacing the open model's default weekly costs")
    .option("--force", "replace --out, --rates-out, --entries-out and --costs-out files that exist")
    .action(async (options: ForecastCliOptions, command: Command) => runForecastCommand(options, outputOf(command)));

  modelOptions(
    program
      .command("backtest")
      .description("fit the model on the data up to a cut-off, project the months after it and print the error against what happened"),
  )
    .option("--cutoff <date>", "the last day the fit may see; the projection starts on it (default: every cut-off the data allows, see --step)")
    .option("--step <months>", `months between the cut-offs when no --cutoff is given, 1 to 120 (default: ${BACKTEST_STEP})`)
    .option("--out <file>", "write one row per cut-off and mode as CSV: cutoff,mode,window,window_months,horizon_months,months_compared,mape_total,coverage, then the error per category")
    .option("--force", "replace the --out file if it exists")
    .option("--months <n>", `months projected after the cut-off, ${SETTINGS.forecastMonths.accepts} (default: ${BACKTEST_MONTHS}); only days inside the data are compared`)
    .option("--mode <mode>", "reference, default, or both side by side", "both")
    .action(async (options: BacktestCliOptions, command: Command) => runBacktestCommand(options, outputOf(command)));
}

interface Inputs {
  episodes: readonly Episode[];
  children: readonly Child[];
  readingRules: CleaningRule[];
  uascChildren: number | null;
  unitCosts?: UnitCostTable;
  nationalUnitCosts?: UnitCostTable;
  overrides?: PlacementTypeOverrides;
  /** 1 April of (earliest YEAR − 1) when the episodes have a YEAR column, as the open model dates its data. */
  dataStartFromYear: Day | null;
}

/** The input files through the pipeline (docs/pipeline.md); the forecast's report lists what reading and combining left out. */
async function readInputs(options: ModelCliOptions & { unitCosts?: string; placementTypes?: string }): Promise<Inputs> {
  const inputs = await readInputFiles(inputFilesOf(options));
  const rejected = (kind: string) => inputs.counts.find((c) => c.table === kind)?.rowsRejected ?? 0;
  const readingRules: CleaningRule[] = [
    {
      rule: "episode rows unreadable",
      rowsTouched: rejected("Episodes"),
      description: "episode rows without CHILD or DECOM, with a date that is not a date, or ending before they start, left out",
    },
    {
      rule: "child rows unreadable",
      rowsTouched: rejected("Children"),
      description: "header rows without CHILD or with no valid DOB (or a child's second row in one return), left out",
    },
    ...inputs.ledger.rules,
  ];
  return {
    episodes: inputs.ledger.episodes,
    children: inputs.ledger.children,
    readingRules,
    uascChildren: inputs.uascChildren,
    unitCosts: inputs.unitCosts,
    nationalUnitCosts: inputs.nationalUnitCosts,
    overrides: inputs.overrides,
    dataStartFromYear: inputs.dataStart,
  };
}

function choice<T extends string>(option: string, text: string | undefined, choices: Readonly<Record<string, T>>): T | undefined {
  if (text === undefined) return undefined;
  const value = choices[text.trim().toLowerCase()];
  if (value === undefined) throw new CliError(`${option}: "${text}" is not one of ${Object.keys(choices).join(", ")}`, EXIT_USAGE);
  return value;
}

async function forecastOptions(options: ModelCliOptions, mode: ForecastMode, inputs: Inputs): Promise<ForecastOptions> {
  const pooled = choice("--rates", options.rates, { mean: "mean", pooled: "pooled" });
  const leave = choice("--leave-care-at-18", options.leaveCareAt18, { yes: "yes", no: "no" });
  const fromFirstReturn = choice("--from-first-return", options.fromFirstReturn, { yes: "yes", no: "no" });
  return {
    mode,
    referenceStart: settingArgument(SETTINGS.ratesFrom, options.referenceStart),
    referenceEnd: settingArgument(SETTINGS.ratesTo, options.referenceEnd),
    pooledRates: pooled === undefined ? undefined : pooled === "pooled",
    leaveCareAt18: leave === undefined ? undefined : leave === "yes",
    dataStart: options.dataStart === undefined ? (inputs.dataStartFromYear ?? undefined) : dateArgument("--data-start", options.dataStart),
    variance: choice<VarianceMethod>("--variance", options.variance, { "open-model": "open model", covariance: "covariance" }),
    fromFirstReturn: fromFirstReturn === undefined ? undefined : fromFirstReturn === "yes",
    bandLevel: settingArgument(SETTINGS.bandLevel, options.band),
    adjustments: options.adjustments ? await readAdjustments(options.adjustments) : undefined,
  };
}

const ADJUSTMENT_FIELDS: readonly FieldSpec[] = [
  { name: "KIND", required: true, synonyms: ["type", "rate"] },
  { name: "FROM", required: false, synonyms: ["from state", "state left"] },
  { name: "TO", required: true, synonyms: ["to state", "state entered", "route"] },
  { name: "MULTIPLY", required: false, synonyms: ["multiply by", "factor"] },
  { name: "ADD", required: false, synonyms: ["add daily", "added"] },
];

async function readAdjustments(file: string): Promise<RateAdjustment[]> {
  const table = await readCsvFile(file, { tableName: "Adjustments" });
  let col: Record<string, number>;
  try {
    col = resolveColumns(table.headers, ADJUSTMENT_FIELDS);
  } catch (error) {
    if (error instanceof TableError) throw new CliError(`${file}: ${error.message}`);
    throw error;
  }
  const adjustments: RateAdjustment[] = [];
  table.rows.forEach((row, index) => {
    if (isBlankRow(row)) return;
    const where = `${file} row ${rowNumberOf(table, index)}`;
    const kind = cellText(row[col.KIND]).toLowerCase();
    if (kind !== "transition" && kind !== "entry") throw new CliError(`${where}: KIND must be transition or entry, not "${cellText(row[col.KIND])}"`);
    const factor = (field: string): number | undefined => {
      if (col[field] === undefined) return undefined;
      const value = cellNumber(row[col[field]]);
      if (value === "invalid") throw new CliError(`${where}: ${field} "${cellText(row[col[field]])}" is not a number`);
      return value ?? undefined;
    };
    adjustments.push({
      kind,
      from: col.FROM === undefined ? undefined : cellText(row[col.FROM]) || undefined,
      to: cellText(row[col.TO]) || "*",
      multiply: factor("MULTIPLY"),
      add: factor("ADD"),
    });
  });
  return adjustments;
}

/** Runs the engine, turning its complaints about the input into a CliError. */
function explained<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof ForecastError) throw new CliError(error.message);
    throw error;
  }
}

export async function runForecastCommand(options: ForecastCliOptions, io: CliIo): Promise<void> {
  const mode = settingArgument(SETTINGS.forecastMode, options.mode) ?? "default";
  if (options.itemCosts && mode !== "reference") throw new CliError("--item-costs: the open model's cost items are costed in --mode reference only", EXIT_USAGE);
  checkOutputFiles(
    { "--out": options.out, "--rates-out": options.ratesOut, "--entries-out": options.entriesOut, "--costs-out": options.costsOut },
    [...Object.values(inputFilesOf(options)), options.adjustments, options.itemCosts],
    options.force === true,
  );
  const inputs = await readInputs(options);
  const modelSettings = await forecastOptions(options, mode, inputs);
  const itemCosts = options.itemCosts ? await readItemCostTable(options.itemCosts) : undefined;
  const { unitCosts, nationalUnitCosts, overrides } = inputs;
  const result = explained(() =>
    runForecast(inputs.episodes, inputs.children, {
      ...modelSettings,
      start: settingArgument(SETTINGS.forecastStart, options.start),
      months: settingArgument(SETTINGS.forecastMonths, options.months),
      unitCosts,
      nationalUnitCosts,
      overrides,
      itemCosts,
      inflation: settingArgument(SETTINGS.inflation, options.inflation),
      target: settingArgument(SETTINGS.forecastTarget, options.target),
      readingRules: inputs.readingRules,
    }),
  );
  io.out(forecastSummary(result, inputs, options.target !== undefined));
  if (options.out) {
    writeTextFile(options.out, forecastCsv(result));
    io.out(`Wrote the forecast (${formatCount(result.points.length)} dates × ${result.states.length} states) to ${options.out}\n`);
  }
  if (options.ratesOut) {
    writeTextFile(options.ratesOut, writeCsv([["from", "to", "rate"], ...result.rates.map((r) => [r.from, r.to, r.rate])]));
    io.out(`Wrote ${formatCount(result.rates.length)} transition rates to ${options.ratesOut}\n`);
  }
  if (options.costsOut) {
    // Reference mode writes the open model's own costs, so they can be checked against its costs page.
    const costs = result.referenceCosts?.months ?? result.monthlyCosts;
    writeTextFile(options.costsOut, monthlyCostsCsv(costs));
    io.out(`Wrote the cost per month of ${formatCount(new Set(costs.map((c) => c.item)).size)} cost items to ${options.costsOut}\n`);
  }
  if (options.entriesOut) {
    writeTextFile(options.entriesOut, writeCsv([["state", "daily_rate"], ...result.entries.map((e) => [e.state, e.dailyRate])]));
    io.out(`Wrote ${formatCount(result.entries.length)} entry rates to ${options.entriesOut}\n`);
  }
}

/** Runs a reader of a file the pipeline does not read; a table without a required column is the file's fault, named. */
function readOrExplain<R>(file: string, read: () => R): R {
  try {
    return read();
  } catch (error) {
    if (error instanceof TableError) throw new CliError(`${file}: ${error.message}`);
    throw error;
  }
}

async function readItemCostTable(file: string): Promise<number[]> {
  const table = await readCsvFile(file, { tableName: "Item costs" });
  return readOrExplain(file, () => readItemCosts(table));
}

/** The long-format forecast: one row per state for each reported date. */
export function forecastCsv(result: ForecastResult): string {
  const rows: Cell[][] = [["date", "state", "population", "variance"]];
  for (const point of result.points) {
    for (const state of result.states) rows.push([formatIsoDate(point.date), state.name, point.population[state.index], point.variance[state.index]]);
  }
  return writeCsv(rows);
}

const children = formatOneDecimal;

function forecastSummary(result: ForecastResult, inputs: Inputs, withTarget: boolean): string {
  const o = result.options;
  const parts: string[] = [];
  parts.push(
    `LAC forecast, ${o.mode} mode\n` +
      `Reference window ${formatUkDate(o.referenceStart)} to ${formatUkDate(o.referenceEnd)}; ` +
      `projection from ${formatUkDate(o.start)} for ${o.months} months to ${formatUkDate(o.end)}\n` +
      `Rates: ${o.rateMethod}; leave care at 18: ${o.leaveCareAt18 ? "yes" : "no"}; ` +
      `variance: ${o.variance}; data from ${formatUkDate(result.dataStart)}; measured from ${formatUkDate(o.measuredFrom)}\n`,
  );
  if (result.windowChoice) parts.push(windowChoiceText(result.windowChoice));
  const level = `${Math.round(o.bandLevel * 1000) / 10}%`;
  const milestones = [0, 12, 24, o.months].filter((m, i, all) => m <= o.months && all.indexOf(m) === i);
  parts.push(
    "Children in care\n" +
      formatTextTable(
        [{ header: "Date" }, { header: "" }, { header: "Total", align: "right" }, { header: `${level} band`, align: "right" }],
        milestones.map((m) => {
          const t = addMonths(o.start, m) - o.start;
          return [formatUkDate(o.start + t), m === 0 ? "start" : `+${m} months`, children(result.dailyTotals[t]), `${children(result.dailyLower[t])} to ${children(result.dailyUpper[t])}`];
        }),
      ),
  );
  const last = result.months[result.months.length - 1];
  const byCategory = PLACEMENT_CATEGORIES.map((c) => `${c} ${children(last.byCategory[c])}`).join(", ");
  const exits = EXIT_ROUTES.map((route) => `${route} ${children(result.months.reduce((sum, m) => sum + m.exitsByRoute[route], 0))}`).join(", ");
  const entries = result.months.reduce((sum, m) => sum + m.entries, 0);
  parts.push(`On ${formatUkDate(last.date)}: ${byCategory}\nOver the horizon: ${children(entries)} entries; exits ${exits}\n`);
  if (withTarget) {
    parts.push(result.targetDate === null ? "Target: not reached within the horizon\n" : `Target reached on ${formatUkDate(result.targetDate)}\n`);
  }
  if (result.costPerYear.length > 0) {
    parts.push(
      "Cost per financial year" +
        (o.inflation !== 0 ? ` (inflation ${Math.round(o.inflation * 1000) / 10}% a year)` : "") +
        "\n" +
        formatTextTable([{ header: "Year" }, { header: "Cost", align: "right" }], result.costPerYear.map((y) => [y.label, formatPounds(y.cost)])),
    );
  } else {
    parts.push("Costs: none (give --unit-costs, or WEEKLY_COST in the episodes)\n");
  }
  if (result.referenceCosts) {
    const byYear = new Map<string, number>();
    for (const row of result.referenceCosts.months) {
      const year = financialYearLabel(dayFromYmd(Number(row.month.slice(0, 4)), Number(row.month.slice(5, 7)), 1));
      byYear.set(year, (byYear.get(year) ?? 0) + row.cost);
    }
    parts.push(
      "The open model's costs per financial year (its cost items and weekly costs; by month and item with --costs-out)\n" +
        formatTextTable([{ header: "Year" }, { header: "Cost", align: "right" }], [...byYear].map(([year, cost]) => [year, formatPounds(cost)])),
    );
  }
  parts.push(
    "Cleaning\n" +
      formatTextTable(
        [{ header: "Rule" }, { header: "Rows", align: "right" }, { header: "What it does" }],
        result.cleaning.rules.map((r) => [r.rule, formatCount(r.rowsTouched), r.description]),
      ) +
      `${formatCount(result.cleaning.rowsIn)} episodes read; ${formatCount(result.cleaning.rowsOut)} spells modelled` +
      (inputs.uascChildren === null ? "" : `; ${formatCount(inputs.uascChildren)} UASC children`) +
      "\n",
  );
  if (result.notes.length > 0) parts.push(`Notes\n${result.notes.map((n) => `  ${n}\n`).join("")}`);
  return parts.join("\n");
}

export async function runBacktestCommand(options: BacktestCliOptions, io: CliIo): Promise<void> {
  const modeChoice = choice("--mode", options.mode ?? "both", { reference: "reference", default: "default", both: "both" } as const);
  const modes: ForecastMode[] = modeChoice === "both" || modeChoice === undefined ? ["reference", "default"] : [modeChoice];
  const cutoff = options.cutoff === undefined ? undefined : dateArgument("--cutoff", options.cutoff);
  const months = settingArgument(SETTINGS.forecastMonths, options.months) ?? BACKTEST_MONTHS;
  const stepMonths = options.step === undefined ? BACKTEST_STEP : wholeNumberArgument("--step", options.step, 1, 120);
  checkOutputFiles({ "--out": options.out }, [...Object.values(inputFilesOf(options)), options.adjustments], options.force === true);
  const inputs = await readInputs(options);
  const settings = await forecastOptions(options, modes[0], inputs);
  if (cutoff !== undefined) {
    const results: BacktestResult[] = [];
    for (const mode of modes) results.push(explained(() => runBacktest(inputs.episodes, inputs.children, { ...settings, mode, cutoff, months })));
    io.out(backtestReport(results));
  }
  if (cutoff === undefined || options.out) {
    const rolling = explained(() =>
      rollingBacktest(inputs.episodes, inputs.children, { ...settings, modes, months, stepMonths, cutoffs: cutoff === undefined ? undefined : [cutoff] }),
    );
    if (cutoff === undefined) io.out(rollingBacktestReport(rolling, months));
    if (options.out) {
      writeTextFile(options.out, rollingBacktestCsv(rolling));
      io.out(`Wrote ${formatCount(rolling.rows.length)} backtests (one per cut-off and mode) to ${options.out}\n`);
    }
  }
}

const percent = (fraction: number | null) => (fraction === null || !Number.isFinite(fraction) ? "-" : `${(fraction * 100).toFixed(1)}%`);

function backtestReport(results: readonly BacktestResult[]): string {
  const first = results[0];
  const heading =
    `Backtest: fitted on the data up to ${formatUkDate(first.cutoff)} (reference window ${formatUkDate(first.referenceStart)} to ` +
    `${formatUkDate(first.referenceEnd)}), compared on ${first.rows.length} reported day${first.rows.length === 1 ? "" : "s"} ` +
    `to ${formatUkDate(first.rows[first.rows.length - 1].date)}\n`;
  const errors =
    "Mean absolute % error (lower is better)\n" +
    formatTextTable(
      [{ header: "" }, ...results.map((r) => ({ header: `${r.mode} mode`, align: "right" as const }))],
      [
        ["Total in care", ...results.map((r) => percent(r.mapeTotal))],
        ...PLACEMENT_CATEGORIES.map((c) => [c, ...results.map((r) => percent(r.mapeByCategory[c]))]),
        ["Actual inside the band", ...results.map((r) => percent(r.bandCoverage))],
      ],
    );
  const byDay =
    "Total in care by day\n" +
    formatTextTable(
      [{ header: "Date" }, { header: "Actual", align: "right" }, ...results.map((r) => ({ header: r.mode, align: "right" as const }))],
      first.rows.map((row, i) => [formatUkDate(row.date), children(row.actual), ...results.map((r) => children(r.rows[i].forecast))]),
    );
  return [heading, errors, byDay].join("\n");
}

/** The windows the default mode scored, with the one it chose: `lac forecast` prints them under the window. */
function windowChoiceText(choice: WindowChoice): string {
  const evidence =
    choice.cutoffs.length === 0
      ? "no cut-off before the start has three months of data since the first return behind it, so no window could be scored"
      : `scored by the mean error of the monthly total in backtests ${WINDOW_SCORING.horizonMonths} months ahead from ${choice.cutoffs.length} ` +
        `cut-off${choice.cutoffs.length === 1 ? "" : "s"} (every ${WINDOW_SCORING.stepMonths} months, ${formatUkDate(choice.cutoffs[choice.cutoffs.length - 1])} ` +
        `to ${formatUkDate(choice.cutoffs[0])}) on the data up to ${formatUkDate(choice.knownUntil)}`;
  return (
    `Window chosen by evidence: ${choice.chosen.label}, from ${formatUkDate(choice.referenceStart)} (${evidence}; --reference-start fixes it)\n` +
    formatTextTable(
      [{ header: "Window" }, { header: "Mean error", align: "right" }, { header: "Months compared", align: "right" }, { header: "" }],
      choice.scores.map((score) => [
        score.candidate.label,
        percent(score.error),
        formatCount(score.monthsCompared),
        score.candidate === choice.chosen ? "chosen" : "",
      ]),
    )
  );
}

/** A rolling backtest: each cut-off's error side by side for the modes, then a line per mode. */
function rollingBacktestReport(rolling: RollingBacktest, months: number): string {
  const modes = rolling.summaries.map((s) => s.mode);
  const cutoffs = [...new Set(rolling.rows.map((r) => r.cutoff))];
  const rowOf = (cutoff: Day, mode: ForecastMode) => rolling.rows.find((r) => r.cutoff === cutoff && r.mode === mode);
  const table = formatTextTable(
    [
      { header: "Cut-off" },
      { header: "Months compared", align: "right" },
      ...modes.flatMap((mode) => [{ header: `${mode} error`, align: "right" as const }, { header: `${mode} window` }]),
    ],
    cutoffs.map((cutoff) => [
      formatUkDate(cutoff),
      formatCount(rowOf(cutoff, modes[0])?.monthsCompared ?? 0),
      ...modes.flatMap((mode) => [percent(rowOf(cutoff, mode)?.mapeTotal ?? null), rowOf(cutoff, mode)?.window ?? ""]),
    ]),
  );
  const summaries = rolling.summaries.map(
    (s) =>
      `${s.mode} mode: mean error of the monthly total ${percent(s.meanError)} over ${formatCount(s.monthsCompared)} months from ` +
      `${formatCount(s.cutoffs)} cut-offs; actual inside the band ${percent(s.coverage)}; windows ${[...s.windows].map(([w, n]) => `${w} ×${n}`).join(", ")}\n`,
  );
  const skipped = rolling.skipped.map((s) => `Left out: the cut-off ${formatUkDate(s.cutoff)}, ${s.reason}\n`);
  return (
    `Rolling backtest: a forecast ${months} months ahead from each cut-off, compared with what happened on the reported days the data covers\n` +
    `${table}\n${summaries.join("")}${skipped.join("")}`
  );
}

/** One row per cut-off and mode, errors and coverage as fractions (0.05 = 5%). */
export function rollingBacktestCsv(rolling: RollingBacktest): string {
  return writeCsv([
    ["cutoff", "mode", "window", "window_months", "horizon_months", "months_compared", "mape_total", "coverage", ...PLACEMENT_CATEGORIES.map((c) => `mape_${c.toLowerCase()}`)],
    ...rolling.rows.map((r) => [
      formatIsoDate(r.cutoff),
      r.mode,
      r.window,
      r.windowMonths,
      r.horizonMonths,
      r.monthsCompared,
      r.mapeTotal,
      r.coverage,
      ...PLACEMENT_CATEGORIES.map((c) => r.mapeByCategory[c]),
    ]),
  ]);
}
