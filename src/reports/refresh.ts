/**
 * Refresh report: the one orchestration the task pane, the ribbon's Refresh command and the
 * command line (`lac refresh`) share, as a short sequence of named steps (docs/pipeline.md):
 * read the settings → load the inputs → run the pipeline → run the engine → build every report
 * sheet → write them. Every sheet is built before the first is written; a report that fails (its
 * data, its computation or its write) is listed with the reason and its old sheet stays as it
 * was; the others are still written. Nothing depends on the clock, so refreshing twice writes
 * the same sheets. The steps between reading and writing (computeRefresh) are pure: the pane
 * runs them in a Web Worker, and a refresh can be cancelled until it writes (docs/task-pane-worker.md).
 */

import { Day, formatUkDate } from "../engine/dates";
import { Period } from "../engine/costs";
import type { PlacementFigures } from "../engine/figures";
import { ForecastOptions } from "../engine/forecast";
import type { LedgerRule } from "../engine/ledger";
import { EngineInputs, InputCount, InputSource, costSourcesOf, runPipeline } from "../engine/pipeline";
import type { InputKind } from "../engine/inputs";
import { RowIssue } from "../engine/quality";
import { EngineResults, RunOptions, runEngine } from "../engine/run";
import { Table, TableError, isBlankRow, normaliseHeader, rowNumberOf } from "../engine/table";
import { DEFAULT_RAG_THRESHOLDS } from "../engine/variance";
import { ReadProgress, WorkbookError, WorkbookPort, WriteReport } from "../workbook/port";
import { loadInputs, reportSheetNames } from "./inputs";
import type { SheetSpec } from "../workbook/spec";
import { DEFAULT_SHEET_NAMES, REPORT_KEYS, ReportKey, noteOnlyReport, periodText, pounds } from "./common";
import { costsReport } from "./costsReport";
import { dataQualityReport } from "./dataQualityReport";
import { forecastReport } from "./forecastReport";
import { scenariosReport } from "./scenariosReport";
import { DEFAULT_FORECAST_MONTHS, INPUT_KINDS, ReportSettings, SETTINGS_SHEET, SETTINGS_TABLE, mergeSettings, readSettings, settingsSheet } from "./settings";
import { varianceReport } from "./varianceReport";
import { commitmentsReport, highCostReport } from "./commitmentsReport";
import { commitmentsOutturn } from "../engine/commitments";
import { SETTINGS } from "../engine/settings";
import { messageOf } from "../engine/messages";
import { benchmarkComparison } from "../engine/benchmarks";
import { groupedNumber } from "../engine/numberText";
import { benchmarkReport } from "./benchmarkReport";

/**
 * Where a refresh is: reading the workbook, computing (the engine and the report sheets, which the
 * pane runs in a Web Worker: docs/task-pane-worker.md), writing the sheets, or done. Until it
 * writes, a refresh can be cancelled and the workbook is as it was.
 */
export type RefreshPhase = "reading" | "computing" | "writing" | "done";

export interface RefreshProgress {
  /** What is happening now, in words for a status line. */
  step: string;
  done: number;
  total: number;
  phase: RefreshPhase;
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
  /** The placements figures (docs/figures.md) every sheet and summary prints. */
  placements: PlacementFigures | null;
  /** LAC Commitments' total: the open placements to their planned end or 31 March. */
  commitments: number | null;
  /** The window the default mode chose by evidence, e.g. "6 months"; null when it was set or in reference mode. */
  forecastWindow: string | null;
}

export interface RefreshSummary {
  written: WriteReport[];
  failed: RefreshFailure[];
  /** Each input as found and read (the Data Quality reconciliation). */
  inputs: InputCount[];
  /** The pipeline's cleaning rules, with the rows each touched. */
  rules: LedgerRule[];
  counts: { rowsIn: number; rowsUsed: number; rowsRejected: number; rowsSuperseded: number; issues: number };
  totals: RefreshTotals;
  /** The data's last date, and the costs period used. */
  asAt: Day | null;
  period: Period | null;
  /** The settings in force: those saved in the workbook, overridden by those passed in. */
  settings: ReportSettings;
  /** Every report sheet built, in the order written (also those whose write failed): the committee pack's source. */
  specs: SheetSpec[];
}

function nonBlankRows(table: Table): number {
  return table.rows.filter((row) => !isBlankRow(row)).length;
}


class Progress {
  private done = 0;
  constructor(
    private readonly total: number,
    private readonly onProgress?: (progress: RefreshProgress) => void,
  ) {}

  step(step: string, phase: RefreshPhase): void {
    this.onProgress?.({ step, done: this.done, total: this.total, phase });
    this.done += 1;
  }

  /** A large table arrives in blocks: the status line counts its rows without moving the bar. */
  reading(kind: string): (read: ReadProgress) => void {
    return ({ rowsRead, rowsTotal }) =>
      this.onProgress?.({
        step: `Reading ${kind}: ${groupedNumber(rowsRead)} of ${groupedNumber(rowsTotal)} rows`,
        done: this.done - 1,
        total: this.total,
        phase: "reading",
      });
  }

  finish(): void {
    this.onProgress?.({ step: "Done", done: this.total, total: this.total, phase: "done" });
  }
}

/** A refresh stopped by the user before it wrote anything: every sheet is as it was. */
export class RefreshCancelled extends Error {
  constructor() {
    super("The refresh was cancelled: no sheet was changed");
    this.name = "RefreshCancelled";
  }
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new RefreshCancelled();
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
      count: { table: "LAC Settings", source: `sheet "${SETTINGS_SHEET}"`, rowsIn: read.rowsIn, rowsUsed: read.rowsIn - read.rowsRejected, rowsRejected: read.rowsRejected, rowsSuperseded: 0, status: "Read" },
    };
  } catch (error) {
    if (!(error instanceof TableError)) throw error;
    const issue: RowIssue = { table: "LAC Settings", row: rowNumberOf(table, 0) - 1, action: "rejected", reason: `${error.message}: the defaults are used` };
    const rows = nonBlankRows(table);
    return { settings: {}, issues: [issue], count: { table: "LAC Settings", source: `sheet "${SETTINGS_SHEET}"`, rowsIn: rows, rowsUsed: 0, rowsRejected: rows, rowsSuperseded: 0, status: `Could not read: ${error.message}` } };
  }
}

/** Saves settings in the workbook (the owned LAC Settings sheet), where every refresh reads them. */
export async function saveSettings(port: WorkbookPort, settings: ReportSettings): Promise<WriteReport> {
  return port.writeSheet(settingsSheet(settings));
}

/** The forecast options a refresh uses, from the settings and the inputs read. */
export function forecastOptionsOf(settings: ReportSettings): ForecastOptions {
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
  };
}

/** The engine's options a refresh runs with, from the settings in force (the pane values scenarios with them too). */
export function runOptionsOf(settings: ReportSettings): RunOptions {
  return {
    period: settings.period,
    forecast: forecastOptionsOf(settings),
    rag: settings.rag ?? DEFAULT_RAG_THRESHOLDS,
    weeksPerYear: settings.weeksPerYear,
  };
}

/** Why there are no episodes to cost or forecast, in words that say where to look. */
function noEpisodesReason(inputs: EngineInputs): string {
  const episodes = inputs.sources.Episodes;
  return episodes.label === null
    ? 'no Episodes table was found: name a table or sheet "Episodes", or set "Input: Episodes" in LAC Settings'
    : `the Episodes (${episodes.label}) could not be read; see LAC Data Quality`;
}

/** Step: each report sheet, built from the engine's results (or the reason it cannot be). */
function buildReports(inputs: EngineInputs, results: EngineResults, settings: ReportSettings): Record<ReportKey, () => SheetSpec> {
  const sheetName = (key: ReportKey) => settings.sheetNames?.[key] || DEFAULT_SHEET_NAMES[key];
  const missing = (kind: "Scenarios" | "Budget", columns: string) =>
    inputs.sources[kind].label === null
      ? `No ${kind} table was found. Add a table or sheet named "${kind}" with the columns ${columns}.`
      : `The ${kind} table could not be read: see LAC Data Quality.`;
  return {
    costs: () => {
      if (results.costs === null) throw new Error(inputs.hasEpisodes ? "the Episodes table has no rows to cost" : noEpisodesReason(inputs));
      return costsReport(
        results.costs,
        {
          lastDate: results.lastDate,
          episodesRead: inputs.ledger.episodes.length,
          childrenRead: inputs.ledger.children.length,
          unitCosts: inputs.unitCosts?.size ?? 0,
          placements: results.placements,
        },
        { sheetName: sheetName("costs") },
      );
    },
    forecast: () => {
      if (results.forecast === null) throw new Error(`the forecast could not run: ${results.forecastError ?? noEpisodesReason(inputs)}`);
      return forecastReport(results.forecast, { target: settings.forecast?.target ?? null, coverage: results.forecastCoverage, sheetName: sheetName("forecast") });
    },
    scenarios: () =>
      results.scenarios === null
        ? noteOnlyReport("scenarios", `${missing("Scenarios", "Scenario, Kind, Effective date and the figures of each kind")} Or add a preset from the task pane.`, {
            sheetName: sheetName("scenarios"),
          })
        : scenariosReport(results.scenarios, { sheetName: sheetName("scenarios"), weeksPerYear: settings.weeksPerYear }),
    variance: () => {
      if (results.variance === null) {
        return noteOnlyReport("variance", missing("Budget", "Budget line, Budget, Actual to date, Forecast outturn and (optionally) Last month's forecast"), {
          sheetName: sheetName("variance"),
        });
      }
      return varianceReport(results.variance.report, {
        engineForecasts: results.variance.engine,
        engineNotes: results.variance.notes,
        placements: results.placements,
        sheetName: sheetName("variance"),
      });
    },
    commitments: () => {
      if (results.commitments === null || results.placements === null) throw new Error(noEpisodesReason(inputs));
      return commitmentsReport(results.commitments, commitmentsOutturn(results.placements, results.commitments), { sheetName: sheetName("commitments") });
    },
    highCost: () => {
      if (results.commitments === null || results.placements === null) throw new Error(noEpisodesReason(inputs));
      return highCostReport(results.commitments, results.reviews, {
        count: settings.highCostCount ?? SETTINGS.highCostCount.default,
        weeksPerYear: settings.weeksPerYear ?? SETTINGS.weeksPerYear.default,
        yearSpend: results.placements.spendToDate + results.commitments.total,
        sheetName: sheetName("highCost"),
      });
    },
    dataQuality: () => dataQualityReport(inputs.issues, inputs.counts, { rules: inputs.ledger.rules, sheetName: sheetName("dataQuality") }),
    benchmark: () => {
      if (results.placements === null) throw new Error(noEpisodesReason(inputs));
      const comparison = benchmarkComparison(inputs.ledger.episodes, results.placements.asAt, {
        population: settings.childPopulation,
        benchmarks: inputs.benchmarks,
        sources: costSourcesOf(inputs),
        weeksPerYear: settings.weeksPerYear,
      });
      const found = inputs.sources.Benchmarks.label !== null;
      const benchmarksMissing = !found ? "not found" : inputs.benchmarks === null ? "could not be read" : null;
      return benchmarkReport(comparison, { benchmarksMissing, sheetName: sheetName("benchmark") });
    },
  };
}

/**
 * The pure part of a refresh, as plain data (it crosses to the pane's Web Worker by structured
 * clone: docs/task-pane-worker.md): the inputs as read from the workbook and the settings in force.
 */
export interface RefreshJob {
  sources: Record<InputKind, InputSource>;
  /** The settings saved in the workbook, overridden by those passed to the refresh. */
  settings: ReportSettings;
  /** What reading LAC Settings found: its rejected rows, and its row counts when there is such a sheet. */
  saved: { issues: RowIssue[]; count: InputCount | null };
}

/** One report sheet, built, or the reason it could not be. */
export interface BuiltSheet {
  sheet: string;
  spec: SheetSpec | null;
  error: string | null;
}

/** What the pure part of a refresh hands back, as plain data: every sheet built and the figures the summary reports. */
export interface ComputedRefresh {
  built: BuiltSheet[];
  inputs: InputCount[];
  rules: LedgerRule[];
  issues: number;
  totals: RefreshTotals;
  asAt: Day | null;
  period: Period | null;
}

/** The steps computeRefresh reports, one per call of its onStep: cleaning, the engine, then each sheet built. */
const COMPUTE_STEPS = 2 + REPORT_KEYS.length;

/**
 * Steps: run the pipeline → run the engine → build every report sheet. No workbook, no Office,
 * no DOM: the pane runs it in a Web Worker, the command line and the tests in their own thread.
 */
export function computeRefresh(job: RefreshJob, onStep: (step: string) => void = () => undefined): ComputedRefresh {
  const { sources, settings, saved } = job;
  onStep("Cleaning the inputs");
  const inputs = runPipeline(sources, { mappings: settings.mappings, engineLines: settings.engineLines });
  inputs.issues.unshift(...saved.issues);
  if (saved.count) inputs.counts.push(saved.count);
  onStep("Running the engine");
  const results = runEngine(inputs, runOptionsOf(settings));

  const builders = buildReports(inputs, results, settings);
  const built = REPORT_KEYS.map((key): BuiltSheet => {
    const sheet = settings.sheetNames?.[key] || DEFAULT_SHEET_NAMES[key];
    onStep(`Building ${sheet}`);
    try {
      return { sheet, spec: builders[key](), error: null };
    } catch (error) {
      return { sheet, spec: null, error: messageOf(error) };
    }
  });

  const forecastMonths = results.forecast?.months ?? [];
  return {
    built,
    inputs: inputs.counts,
    rules: inputs.ledger.rules,
    issues: inputs.issues.length,
    totals: {
      costs: results.costs?.total.total ?? null,
      forecastStart: forecastMonths[0]?.total ?? null,
      forecastEnd: forecastMonths[forecastMonths.length - 1]?.total ?? null,
      targetDate: results.forecast?.targetDate ?? null,
      scenariosFullYear: results.scenarioTotals?.fullYear ?? null,
      scenariosInYear: results.scenarioTotals?.inYear ?? null,
      variance: results.variance?.report.total.variance ?? null,
      placements: results.placements,
      commitments: results.commitments?.total ?? null,
      forecastWindow: results.forecast?.windowChoice?.chosen.label ?? null,
    },
    asAt: results.lastDate,
    period: results.period,
  };
}

/**
 * Runs the pure part of a refresh somewhere: in this thread (the default), or in the pane's Web
 * Worker (src/taskpane/engineClient.ts). `onStep` is called as computeRefresh calls it; when
 * `signal` aborts, the engine stops and rejects with RefreshCancelled.
 */
export type RefreshEngine = (job: RefreshJob, onStep: (step: string) => void, signal?: AbortSignal) => Promise<ComputedRefresh>;

export const inThreadEngine: RefreshEngine = async (job, onStep) => computeRefresh(job, onStep);

export interface RefreshOptions {
  /** Where the engine and the report sheets are computed; in this thread unless given. */
  engine?: RefreshEngine;
  /** Cancels the refresh until its first write: nothing is written, and it rejects with RefreshCancelled. */
  signal?: AbortSignal;
}

/**
 * Rebuilds every report sheet from the workbook's inputs. `settings` override those saved in
 * the workbook for this refresh only (save them with saveSettings to keep them).
 */
export async function refreshReports(
  port: WorkbookPort,
  settings: ReportSettings = {},
  onProgress?: (progress: RefreshProgress) => void,
  { engine = inThreadEngine, signal }: RefreshOptions = {},
): Promise<RefreshSummary> {
  const progress = new Progress(1 + INPUT_KINDS.length + COMPUTE_STEPS + REPORT_KEYS.length, onProgress);
  progress.step("Reading settings", "reading");
  const saved = await readSavedSettings(port);
  const effective = mergeSettings(saved.settings, settings);

  // The job is handed on, not kept here: the pane's engine lets the rows go once its worker has
  // them, so they do not stay in the pane's heap while the worker computes (docs/task-pane-worker.md).
  const readJob = async (): Promise<RefreshJob> => {
    const sources = await loadInputs(port, effective, reportSheetNames(effective), {
      onInput: (kind) => {
        throwIfCancelled(signal);
        progress.step(`Reading ${kind}`, "reading");
      },
      reading: (kind) => progress.reading(kind),
    });
    throwIfCancelled(signal);
    return { sources, settings: effective, saved: { issues: saved.issues, count: saved.count } };
  };

  // Every sheet is built before the first is written, so a failing computation never leaves a half-refreshed pack.
  const computed = await engine(await readJob(), (step) => progress.step(step, "computing"), signal);
  // The last moment to stop: from here on the sheets are written, and a half-written pack is worse than a finished one.
  throwIfCancelled(signal);

  const written: WriteReport[] = [];
  const failed: RefreshFailure[] = [];
  for (const { sheet, spec, error } of computed.built) {
    progress.step(`Writing ${sheet}`, "writing");
    if (spec === null) {
      failed.push({ sheet, message: error ?? "not built" });
      continue;
    }
    try {
      written.push(await port.writeSheet(spec));
    } catch (writeError) {
      const failure: RefreshFailure = { sheet, message: messageOf(writeError) };
      if (writeError instanceof WorkbookError && writeError.suggestedName !== undefined) failure.suggestedName = writeError.suggestedName;
      failed.push(failure);
    }
  }
  progress.finish();

  const counts = computed.inputs.filter((c) => c.table !== "LAC Settings");
  return {
    written,
    failed,
    inputs: computed.inputs,
    rules: computed.rules,
    counts: {
      rowsIn: counts.reduce((sum, c) => sum + c.rowsIn, 0),
      rowsUsed: counts.reduce((sum, c) => sum + c.rowsUsed, 0),
      rowsRejected: counts.reduce((sum, c) => sum + c.rowsRejected, 0),
      rowsSuperseded: counts.reduce((sum, c) => sum + c.rowsSuperseded, 0),
      issues: computed.issues,
    },
    totals: computed.totals,
    asAt: computed.asAt,
    period: computed.period,
    settings: effective,
    specs: computed.built.flatMap(({ spec }) => (spec === null ? [] : [spec])),
  };
}

/** A figure of the refresh as every summary prints it: the sheets' own label and number (docs/figures.md). */
export interface HeadlineFigure {
  label: string;
  value: number;
}

/**
 * The refresh's headline figures, labelled with what they are and the dates they cover. The
 * command line, `npm start` and the pane print these, and the sheets show the same numbers.
 */
export function headlineFigures(summary: RefreshSummary): HeadlineFigure[] {
  const { totals, period } = summary;
  const figures: HeadlineFigure[] = [];
  if (totals.costs !== null && period !== null) figures.push({ label: `LAC Costs total, ${periodText(period)}`, value: totals.costs });
  const p = totals.placements;
  if (p !== null) {
    figures.push({ label: `Placements spend to date, 1 April to ${formatUkDate(p.asAt)}`, value: p.spendToDate });
    figures.push({ label: "Current placements continued to 31 March", value: p.committedToYearEnd });
    if (totals.commitments !== null) figures.push({ label: "Commitments to 31 March (to planned ends)", value: totals.commitments });
    if (p.forecastToYearEnd !== null && p.forecastOutturn !== null) {
      figures.push({ label: "Placements forecast cost to 31 March", value: p.forecastToYearEnd });
      figures.push({ label: `Placements forecast outturn ${p.financialYear}`, value: p.forecastOutturn });
    }
  }
  if (totals.variance !== null) figures.push({ label: "Budget variance, all lines (forecast outturn − budget)", value: totals.variance });
  if (totals.scenariosFullYear !== null) figures.push({ label: "Scenarios: full-year saving", value: totals.scenariosFullYear });
  if (totals.scenariosInYear !== null) figures.push({ label: "Scenarios: in-year saving", value: totals.scenariosInYear });
  return figures;
}

/** The rows the refresh read, as every summary says it: rows in = used + rejected + superseded. */
export function rowsReadLine(summary: RefreshSummary): string {
  const { rowsIn, rowsUsed, rowsRejected, rowsSuperseded } = summary.counts;
  const superseded = rowsSuperseded > 0 ? `, superseded by a later return ${groupedNumber(rowsSuperseded)}` : "";
  return `Rows read ${groupedNumber(rowsIn)}: used ${groupedNumber(rowsUsed)}, rejected ${groupedNumber(rowsRejected)}${superseded}`;
}

/** One line per sheet for the pane's log and the command line: what was written, what failed and why, and the headline figures. */
export function refreshSummaryLines(summary: RefreshSummary): string[] {
  const lines = summary.written.map((w) => `Wrote ${w.sheet} (${groupedNumber(w.rows)} rows)`);
  for (const f of summary.failed) lines.push(`Not refreshed: ${f.sheet}: ${f.message}${f.suggestedName ? ` (you could use "${f.suggestedName}")` : ""}`);
  lines.push(rowsReadLine(summary));
  for (const figure of headlineFigures(summary)) lines.push(`${figure.label}: ${pounds(figure.value)}`);
  return lines;
}
