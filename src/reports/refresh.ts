/**
 * Refresh report: the one orchestration the task pane, the ribbon's Refresh command and the
 * command line (`lac refresh`) share. It reads the saved settings and the input tables through
 * the workbook port, runs the engine, and writes each report sheet whole. A report that fails
 * (its data, its computation or its write) is listed with the reason and its old sheet stays as
 * it was; the others are still written. Nothing depends on the clock, so refreshing twice
 * writes the same sheets.
 */

import { Day, financialYearLabel, financialYearLastDay, financialYearFirstDay } from "../engine/dates";
import { Period, costEpisodes, financialYearPeriod } from "../engine/costs";
import { Child, dataLastDate, Episode, readChildren, readEpisodes, UASC_FIELDS } from "../engine/episodes";
import { ForecastOptions, ForecastResult, runForecast } from "../engine/forecast";
import { PlacementTypeOverrides, readPlacementTypeOverrides } from "../engine/placementGroups";
import { ReadResult, RowIssue, readRows } from "../engine/quality";
import { ScenarioEvaluation, evaluateScenarios, readScenarios } from "../engine/scenarios";
import { CostSummaries, summariseCosts } from "../engine/summaries";
import { ColumnMapping, Table, TableError, cellText, isBlankRow, normaliseHeader, resolveColumns, rowNumberOf } from "../engine/table";
import { UnitCostTable, readUnitCosts } from "../engine/unitCosts";
import { nationalUnitCostTable } from "../engine/nationalUnitCosts";
import { BudgetLine, DEFAULT_RAG_THRESHOLDS, ForecastBudgetLine, VarianceReport, budgetVariance, placementsForecastOutturn, readBudget } from "../engine/variance";
import { ReadProgress, WorkbookError, WorkbookPort, WriteReport } from "../workbook/port";
import { LoadedInput, findInputs, loadInput } from "./inputs";
import type { SheetSpec } from "../workbook/spec";
import { DEFAULT_SHEET_NAMES, REPORT_KEYS, ReportKey, noteOnlyReport, pounds } from "./common";
import { costsReport } from "./costsReport";
import { InputCount, dataQualityReport } from "./dataQualityReport";
import { forecastReport } from "./forecastReport";
import { scenariosReport } from "./scenariosReport";
import {
  DEFAULT_FORECAST_MONTHS,
  INPUT_KINDS,
  InputKind,
  ReportSettings,
  SETTINGS_SHEET,
  SETTINGS_TABLE,
  mergeSettings,
  readSettings,
  settingsSheet,
} from "./settings";
import { EngineLineForecast, varianceReport } from "./varianceReport";

export interface RefreshProgress {
  /** What is happening now, in words for a status line. */
  step: string;
  done: number;
  total: number;
}

export interface RefreshFailure {
  sheet: string;
  message: string;
  /** When the sheet's name is taken by a sheet the add-in does not own: a free name to offer. */
  suggestedName?: string;
}

export interface RefreshTotals {
  /** LAC Costs grand total for the period. */
  costs: number | null;
  /** Children in care at the forecast's start and end. */
  forecastStart: number | null;
  forecastEnd: number | null;
  targetDate: Day | null;
  /** Sums over the scenarios that could be valued. */
  scenariosFullYear: number | null;
  scenariosInYear: number | null;
  /** Forecast outturn − budget over all budget lines. */
  variance: number | null;
}

export interface RefreshSummary {
  written: WriteReport[];
  failed: RefreshFailure[];
  /** Each input as found and read (the Data Quality reconciliation). */
  inputs: InputCount[];
  counts: { rowsIn: number; rowsUsed: number; rowsRejected: number; issues: number };
  totals: RefreshTotals;
  /** The data's last date, and the costs period used. */
  asAt: Day | null;
  period: Period | null;
  /** The settings in force: those saved in the workbook, overridden by those passed in. */
  settings: ReportSettings;
}

function nonBlankRows(table: Table): number {
  return table.rows.filter((row) => !isBlankRow(row)).length;
}

/** Collects what each reader did, for the Data Quality report and the summary. */
class Ledger {
  readonly issues: RowIssue[] = [];
  readonly counts: InputCount[] = [];

  /** Runs a reader over a loaded input; a table without the columns it needs is one issue and every row rejected. */
  read<T, R extends ReadResult<T>>(input: LoadedInput, reader: (table: Table) => R, optional: boolean): R | null {
    if (input.table === null) {
      this.counts.push({
        table: input.kind,
        source: input.label,
        rowsIn: 0,
        rowsUsed: 0,
        rowsRejected: 0,
        status: input.problem !== null ? `Could not read: ${input.problem}` : optional ? "Not found (optional)" : "Not found",
      });
      return null;
    }
    try {
      const result = reader(input.table);
      this.issues.push(...result.issues);
      this.counts.push({
        table: input.kind,
        source: input.label,
        rowsIn: result.rowsIn,
        rowsUsed: result.rowsIn - result.rowsRejected,
        rowsRejected: result.rowsRejected,
        status: "Read",
      });
      return result;
    } catch (error) {
      if (!(error instanceof TableError)) throw error;
      this.tableRejected(input, error.message);
      return null;
    }
  }

  tableRejected(input: LoadedInput, reason: string): void {
    const table = input.table as Table;
    const rows = nonBlankRows(table);
    this.issues.push({ table: input.kind, row: rowNumberOf(table, 0) - 1, action: "rejected", reason: `${reason}: no row of this table was used` });
    this.counts.push({ table: input.kind, source: input.label, rowsIn: rows, rowsUsed: 0, rowsRejected: rows, status: `Could not read: ${reason}` });
  }
}

/** The UASC table's children, counted like the other readers count (a row without CHILD is rejected). */
function readUascRows(table: Table, mapping: ColumnMapping): ReadResult<string> {
  const col = resolveColumns(table.headers, UASC_FIELDS, mapping);
  return readRows(table, "UASC", (cells, row) => {
    const child = cellText(cells[col.CHILD]);
    return child === "" ? row.reject("CHILD", "CHILD is blank") : child;
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Budget lines whose forecast outturn the engine supplies, per the "Budget lines forecast by the engine" setting. */
function engineLineNames(lines: readonly BudgetLine[], setting: ReportSettings["engineLines"]): string[] {
  if (setting === "none") return [];
  if (setting === undefined || setting === "auto") return lines.filter((l) => /placement/i.test(l.line)).map((l) => l.line);
  const wanted = new Set(setting.map(normaliseHeader));
  return lines.filter((l) => wanted.has(normaliseHeader(l.line))).map((l) => l.line);
}

/**
 * A budget line needs a forecast outturn unless the engine supplies it: a blank one on any other
 * line rejects the row, with the reason.
 */
function withForecastsOrEngine(read: ReadResult<BudgetLine>, engineLines: ReportSettings["engineLines"]): ReadResult<BudgetLine> {
  const engine = new Set(engineLineNames(read.records, engineLines));
  const missing = read.records.filter((l) => l.forecastOutturn === null && !engine.has(l.line));
  if (missing.length === 0) return read;
  const issues: RowIssue[] = missing.map((l) => ({
    table: "Budget",
    row: l.row,
    column: "FORECAST",
    action: "rejected",
    reason: `FORECAST is blank for "${l.line}": give its forecast outturn (the engine forecasts only the lines set in LAC Settings, by default those named like "Placements")`,
  }));
  return {
    records: read.records.filter((l) => !missing.includes(l)),
    issues: [...read.issues, ...issues].sort((a, b) => a.row - b.row),
    rowsIn: read.rowsIn,
    rowsRejected: read.rowsRejected + missing.length,
  };
}

interface EngineRun {
  episodes: Episode[] | null;
  children: Child[];
  unitCosts?: UnitCostTable;
  overrides?: PlacementTypeOverrides;
  forecast: ForecastResult | null;
  forecastError: string | null;
}

/**
 * Replaces the named lines' forecast outturn with actual to date (the line's own, else the
 * episodes' cost from 1 April to the forecast's start) + the forecast's cost from then to 31 March.
 */
function withEngineForecasts(
  lines: readonly BudgetLine[],
  names: readonly string[],
  run: EngineRun,
): { lines: ForecastBudgetLine[]; engine: EngineLineForecast[]; notes: string[] } {
  const wanted = new Set(names);
  const forecast = run.forecast;
  const notes: string[] = [];
  const engine: EngineLineForecast[] = [];
  if (names.length === 0) return { lines: lines.filter(hasForecast), engine, notes };
  const unavailable =
    forecast === null
      ? `the forecast could not run (${run.forecastError ?? "no episodes"})`
      : forecast.weeklyCosts === null
        ? "the forecast has no costs (no WEEKLY_COST and no Unit costs table)"
        : forecast.end < financialYearLastDay(forecast.start)
          ? "the forecast ends before 31 March"
          : null;
  if (unavailable !== null || forecast === null) {
    const given = names.filter((name) => lines.some((l) => l.line === name && hasForecast(l)));
    const blank = names.filter((name) => !given.includes(name));
    if (given.length > 0) notes.push(`${given.join(", ")}: the Budget table's forecast outturn is used because ${unavailable}.`);
    if (blank.length > 0) notes.push(`${blank.join(", ")}: left out, as the Budget table gives no forecast outturn and ${unavailable}.`);
    return { lines: lines.filter(hasForecast), engine, notes };
  }
  const yearEnd = financialYearLastDay(forecast.start);
  const projected = forecast.costPerYear.filter((y) => y.to <= yearEnd).reduce((sum, y) => sum + y.cost, 0);
  let costedToDate: number | null = null;
  const costToDate = () => {
    if (costedToDate === null) {
      const period = { start: financialYearFirstDay(forecast.start), end: forecast.start };
      costedToDate = costEpisodes(run.episodes ?? [], period, { unitCosts: run.unitCosts, overrides: run.overrides }).reduce((sum, c) => sum + c.cost, 0);
    }
    return costedToDate;
  };
  const updated = lines.map((line): ForecastBudgetLine | null => {
    if (!wanted.has(line.line)) return hasForecast(line) ? line : null;
    const actual = line.actualToDate ?? costToDate();
    engine.push({ line: line.line, actualFrom: line.actualToDate !== null ? "Budget table" : "Episodes", actualToDate: actual, projectedToYearEnd: projected });
    return { ...line, actualToDate: actual, forecastOutturn: placementsForecastOutturn(actual, projected) };
  });
  return { lines: updated.filter((l): l is ForecastBudgetLine => l !== null), engine, notes };
}

function hasForecast(line: BudgetLine): line is ForecastBudgetLine {
  return line.forecastOutturn !== null;
}

class Progress {
  private done = 0;
  constructor(
    private readonly total: number,
    private readonly onProgress?: (progress: RefreshProgress) => void,
  ) {}

  step(step: string): void {
    this.onProgress?.({ step, done: this.done, total: this.total });
    this.done += 1;
  }

  /** A large table arrives in blocks: the status line counts its rows without moving the bar. */
  reading(kind: string): (read: ReadProgress) => void {
    return ({ rowsRead, rowsTotal }) =>
      this.onProgress?.({ step: `Reading ${kind}: ${rowsRead.toLocaleString("en-GB")} of ${rowsTotal.toLocaleString("en-GB")} rows`, done: this.done - 1, total: this.total });
  }

  finish(): void {
    this.onProgress?.({ step: "Done", done: this.total, total: this.total });
  }
}

/** The settings saved in the workbook's LAC Settings sheet, or none when it has no such sheet. */
export async function readSavedSettings(port: WorkbookPort): Promise<{ settings: ReportSettings; issues: RowIssue[]; count: InputCount | null }> {
  let table: Table;
  try {
    table = await port.readTable({ table: SETTINGS_TABLE });
  } catch (error) {
    if (!(error instanceof WorkbookError)) throw error;
    try {
      table = await port.readTable({ sheet: SETTINGS_SHEET }, { header: (row) => row.some((c) => normaliseHeader(c) === "setting") });
    } catch (inner) {
      if (inner instanceof WorkbookError) return { settings: {}, issues: [], count: null };
      throw inner;
    }
  }
  try {
    const read = readSettings(table);
    return {
      settings: read.settings,
      issues: read.issues,
      count: { table: "LAC Settings", source: `sheet "${SETTINGS_SHEET}"`, rowsIn: read.rowsIn, rowsUsed: read.rowsIn - read.rowsRejected, rowsRejected: read.rowsRejected, status: "Read" },
    };
  } catch (error) {
    if (!(error instanceof TableError)) throw error;
    const issue: RowIssue = { table: "LAC Settings", row: rowNumberOf(table, 0) - 1, action: "rejected", reason: `${error.message}: the defaults are used` };
    const rows = nonBlankRows(table);
    return { settings: {}, issues: [issue], count: { table: "LAC Settings", source: `sheet "${SETTINGS_SHEET}"`, rowsIn: rows, rowsUsed: 0, rowsRejected: rows, status: `Could not read: ${error.message}` } };
  }
}

/** Saves settings in the workbook (the owned LAC Settings sheet), where every refresh reads them. */
export async function saveSettings(port: WorkbookPort, settings: ReportSettings): Promise<WriteReport> {
  return port.writeSheet(settingsSheet(settings));
}

/** The forecast options a refresh uses, from the settings and the inputs read. */
export function forecastOptionsOf(settings: ReportSettings, unitCosts?: UnitCostTable, overrides?: PlacementTypeOverrides): ForecastOptions {
  const f = settings.forecast ?? {};
  return {
    mode: f.mode,
    referenceStart: f.referenceStart,
    referenceEnd: f.referenceEnd,
    start: f.start,
    months: f.months ?? DEFAULT_FORECAST_MONTHS,
    target: f.target,
    inflation: f.inflation,
    bandLevel: f.bandLevel,
    unitCosts,
    overrides,
  };
}

/**
 * Rebuilds every report sheet from the workbook's inputs. `settings` override those saved in
 * the workbook for this refresh only (save them with saveSettings to keep them).
 */
export async function refreshReports(
  port: WorkbookPort,
  settings: ReportSettings = {},
  onProgress?: (progress: RefreshProgress) => void,
): Promise<RefreshSummary> {
  const progress = new Progress(2 + INPUT_KINDS.length + REPORT_KEYS.length, onProgress);
  progress.step("Reading settings");
  const saved = await readSavedSettings(port);
  const effective = mergeSettings(saved.settings, settings);
  const sheetName = (key: ReportKey) => effective.sheetNames?.[key] || DEFAULT_SHEET_NAMES[key];
  const mapping = (kind: InputKind) => effective.mappings?.[kind] ?? {};

  const found = await findInputs(port, effective, new Set([...REPORT_KEYS.map(sheetName), ...REPORT_KEYS.map((k) => DEFAULT_SHEET_NAMES[k]), SETTINGS_SHEET]));
  const loaded = new Map<InputKind, LoadedInput>();
  for (const kind of INPUT_KINDS) {
    progress.step(`Reading ${kind}`);
    loaded.set(kind, await loadInput(port, kind, found.get(kind), effective.mappings?.[kind], progress.reading(kind)));
  }
  const input = (kind: InputKind) => loaded.get(kind) as LoadedInput;

  progress.step("Running the engine");
  const ledger = new Ledger();
  ledger.issues.push(...saved.issues);
  const episodesRead = ledger.read(input("Episodes"), (t) => readEpisodes(t, mapping("Episodes")), false);
  const uascRead = ledger.read(input("UASC"), (t) => readUascRows(t, mapping("UASC")), true);
  const childrenInput = input("Children");
  const childrenRead = ledger.read(
    childrenInput,
    (t) => readChildren(t, uascRead ? (input("UASC").table as Table) : undefined, { ...mapping("UASC"), ...mapping("Children") }),
    false,
  );
  const unitCostsRead = ledger.read(input("Unit costs"), (t) => readUnitCosts(t, mapping("Unit costs")), true);
  const overridesRead = ledger.read(input("Placement types"), (t) => readPlacementTypeOverrides(t, mapping("Placement types")), true);
  const budgetRead = ledger.read(input("Budget"), (t) => withForecastsOrEngine(readBudget(t, mapping("Budget")), effective.engineLines), true);
  const scenariosRead = ledger.read(input("Scenarios"), (t) => readScenarios(t, mapping("Scenarios")), true);
  ledger.counts.sort((a, b) => INPUT_KINDS.indexOf(a.table as InputKind) - INPUT_KINDS.indexOf(b.table as InputKind));
  if (saved.count) ledger.counts.push(saved.count);

  const run: EngineRun = {
    episodes: episodesRead?.records ?? null,
    children: childrenRead?.records ?? [],
    unitCosts: unitCostsRead ? new UnitCostTable(unitCostsRead.records) : undefined,
    overrides: overridesRead?.overrides,
    forecast: null,
    forecastError: null,
  };
  const episodes = run.episodes ?? [];
  const asAt = dataLastDate(episodes);
  const period = effective.period ?? (asAt === null ? null : financialYearPeriod(asAt));
  const forecastOptions = forecastOptionsOf(effective, run.unitCosts, run.overrides);
  const noEpisodes =
    input("Episodes").label === null
      ? 'no Episodes table was found: name a table or sheet "Episodes", or set "Input: Episodes" in LAC Settings'
      : `the Episodes (${input("Episodes").label}) could not be read; see LAC Data Quality`;
  if (run.episodes !== null) {
    try {
      run.forecast = runForecast(run.episodes, run.children, forecastOptions);
    } catch (error) {
      run.forecastError = messageOf(error);
    }
  } else {
    run.forecastError = noEpisodes;
  }

  const totals: RefreshTotals = {
    costs: null,
    forecastStart: run.forecast?.months[0]?.total ?? null,
    forecastEnd: run.forecast?.months[run.forecast.months.length - 1]?.total ?? null,
    targetDate: run.forecast?.targetDate ?? null,
    scenariosFullYear: null,
    scenariosInYear: null,
    variance: null,
  };

  const builders: Record<ReportKey, () => SheetSpec> = {
    costs: () => {
      if (run.episodes === null || period === null) throw new Error(run.episodes === null ? noEpisodes : "the Episodes table has no rows to cost");
      const summaries: CostSummaries = summariseCosts({
        episodes: run.episodes,
        children: run.children,
        period,
        unitCosts: run.unitCosts,
        overrides: run.overrides,
        // What neither WEEKLY_COST nor the Unit costs table costs is costed from the national card, and the sheet says how much.
        nationalUnitCosts: nationalUnitCostTable(),
      });
      totals.costs = summaries.total.total;
      return costsReport(
        summaries,
        { lastDate: asAt, episodesRead: run.episodes.length, childrenRead: run.children.length, unitCosts: unitCostsRead?.records.length ?? 0 },
        { sheetName: sheetName("costs") },
      );
    },
    forecast: () => {
      if (run.forecast === null) throw new Error(`the forecast could not run: ${run.forecastError}`);
      return forecastReport(run.forecast, { target: effective.forecast?.target ?? null, sheetName: sheetName("forecast") });
    },
    scenarios: () => {
      if (scenariosRead === null) {
        const why =
          input("Scenarios").label === null
            ? 'No Scenarios table was found. Add a table or sheet named "Scenarios" with the columns Scenario, Kind, Effective date and ' +
              "the figures of each kind, or add a preset from the task pane."
            : "The Scenarios table could not be read: see LAC Data Quality.";
        return noteOnlyReport("scenarios", why, { sheetName: sheetName("scenarios") });
      }
      const evaluations: ScenarioEvaluation[] = evaluateScenarios(scenariosRead.records, { episodes, children: run.children, forecast: forecastOptions });
      const valued = evaluations.filter((e) => e.savings !== null);
      totals.scenariosFullYear = valued.reduce((sum, e) => sum + (e.savings?.fullYear ?? 0), 0);
      totals.scenariosInYear = valued.reduce((sum, e) => sum + (e.savings?.inYear ?? 0), 0);
      return scenariosReport(evaluations, { sheetName: sheetName("scenarios") });
    },
    variance: () => {
      if (budgetRead === null) {
        const why =
          input("Budget").label === null
            ? 'No Budget table was found. Add a table or sheet named "Budget" with the columns Budget line, Budget, Actual to date, ' +
              "Forecast outturn and (optionally) Last month's forecast."
            : "The Budget table could not be read: see LAC Data Quality.";
        return noteOnlyReport("variance", why, { sheetName: sheetName("variance") });
      }
      const names = engineLineNames(budgetRead.records, effective.engineLines);
      const { lines, engine, notes } = withEngineForecasts(budgetRead.records, names, run);
      const report: VarianceReport = budgetVariance(lines, effective.rag ?? DEFAULT_RAG_THRESHOLDS);
      totals.variance = report.total.variance;
      const yearDay = run.forecast?.start ?? asAt;
      return varianceReport(report, {
        engineForecasts: engine,
        engineNotes: notes,
        asAt,
        financialYear: yearDay === null ? undefined : financialYearLabel(yearDay),
        sheetName: sheetName("variance"),
      });
    },
    dataQuality: () => dataQualityReport(ledger.issues, ledger.counts, { sheetName: sheetName("dataQuality") }),
  };

  const written: WriteReport[] = [];
  const failed: RefreshFailure[] = [];
  for (const key of REPORT_KEYS) {
    const sheet = sheetName(key);
    progress.step(`Writing ${sheet}`);
    try {
      written.push(await port.writeSheet(builders[key]()));
    } catch (error) {
      const failure: RefreshFailure = { sheet, message: messageOf(error) };
      if (error instanceof WorkbookError && error.suggestedName !== undefined) failure.suggestedName = error.suggestedName;
      failed.push(failure);
    }
  }
  progress.finish();

  const counts = ledger.counts.filter((c) => c.table !== "LAC Settings");
  return {
    written,
    failed,
    inputs: ledger.counts,
    counts: {
      rowsIn: counts.reduce((sum, c) => sum + c.rowsIn, 0),
      rowsUsed: counts.reduce((sum, c) => sum + c.rowsUsed, 0),
      rowsRejected: counts.reduce((sum, c) => sum + c.rowsRejected, 0),
      issues: ledger.issues.length,
    },
    totals,
    asAt,
    period,
    settings: effective,
  };
}

/** One line per sheet for the pane's log and the command line: what was written, what failed and why. */
export function refreshSummaryLines(summary: RefreshSummary): string[] {
  const lines = summary.written.map((w) => `Wrote ${w.sheet} (${w.rows.toLocaleString("en-GB")} rows)`);
  for (const f of summary.failed) lines.push(`Not refreshed: ${f.sheet}: ${f.message}${f.suggestedName ? ` (you could use "${f.suggestedName}")` : ""}`);
  const { rowsIn, rowsUsed, rowsRejected } = summary.counts;
  lines.push(`Rows read ${rowsIn.toLocaleString("en-GB")}: used ${rowsUsed.toLocaleString("en-GB")}, rejected ${rowsRejected.toLocaleString("en-GB")}`);
  if (summary.totals.costs !== null) lines.push(`Total cost ${pounds(summary.totals.costs)}`);
  if (summary.totals.variance !== null) lines.push(`Budget variance ${pounds(summary.totals.variance)}`);
  return lines;
}
