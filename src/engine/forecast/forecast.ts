/**
 * The forecast of docs/method/forecast.md from end to end: clean, count the stock, estimate rates and
 * entries, project day by day, cost. The reference mode and the default mode are the same code
 * with different options, and each option can be set on its own.
 */

import { EXIT_ROUTES, ExitRoute, PLACEMENT_CATEGORIES, PlacementCategory } from "../codes";
import { Day, addMonths, addYears, dayFromYmd, formatIsoDate, ymdOfDay } from "../dates";
import { Child, Episode } from "../episodes";
import { groupedNumber } from "../numberText";
import { SETTINGS } from "../settings";
import { PlacementTypeOverrides } from "../placementGroups";
import { UnitCostTable } from "../unitCosts";
import { CleaningResult, CleaningRule, EpisodeColumns, Spells, cleanEpisodes, episodeColumns } from "./cleaning";
import { MonthlyCost, StateCosts, YearCost, costByFinancialYear, costByMonth, stateCosts } from "./costs";
import { EntryHistory, adjustEntries, entryHistory, entryRates } from "./entries";
import { ForecastError } from "./errors";
import { ProjectedPoint, Projection, VarianceMethod, expectedPopulations, project } from "./projection";
import { Band, DEFAULT_BAND_SEED, Drift, FAN_PERCENTILES, FanPercentile, entryDrift, exitDrift, simulateBand } from "./band";
import {
  EstimatedRates,
  ROUTE_COUNT,
  RateAdjustment,
  RateMethod,
  RateWindow,
  TransitionCounts,
  TransitionHistory,
  adjustRates,
  capOutgoingRates,
  estimateRates,
  exitRatesByRoute,
  measurableWindow,
  slotTotals,
  transitionHistory,
  transitionMatrix,
} from "./rates";
import {
  AGE_BANDS,
  ForecastState,
  IN_CARE_STATES,
  STATES,
  STATE_COUNT,
  bandOfState,
  categoryOfState,
} from "./states";
import { COST_ITEMS, itemProportions, referenceMonthlyCosts } from "./referenceCosts";
import { DailyStock, dailyStock, stockOn } from "./stock";
import { firstReaching } from "./stockAndFlow";
import type { WindowChoice } from "./window";

export type ForecastMode = "reference" | "default";

export interface ForecastOptions {
  /** "default" unless given. */
  mode?: ForecastMode;
  /** Default: three years before the reference end; runForecast's default mode chooses it by evidence (window.ts). */
  referenceStart?: Day;
  /** Default: the last DECOM or DEC in the data. */
  referenceEnd?: Day;
  /** Default: the reference end. */
  start?: Day;
  /** Default 24. */
  months?: number;
  /** Pooled rates (Σ transitions ÷ Σ previous-day stock); false: the open model's mean of daily ratios. */
  pooledRates?: boolean;
  /** A child in care on their 18th birthday leaves care. */
  leaveCareAt18?: boolean;
  /** Report exits by route; false reports every exit as "Other". True in both modes. */
  exitsByRoute?: boolean;
  /**
   * The data's first day, from which the stock is counted: 1 April of the first return's year
   * (dataStartFromYears gives it from the returns' YEAR column). Default: the first return's start, 1 April of the first recorded DEC's financial year.
   */
  dataStart?: Day;
  /** How variance is carried: "open model" or "covariance". */
  variance?: VarianceMethod;
  /**
   * Measure rates and entries only from the start of the first return (1 April of the year of the
   * first recorded DEC), however early the reference window starts: before it the data holds only
   * the children still in care when the first return was made, so it misses the exits and most
   * of the entries of those years.
   */
  fromFirstReturn?: boolean;
  /** Coverage of the band around the total; 0.95 unless given. */
  bandLevel?: number;
  /** Seed of the band's draws (docs/method/forecast-band.md); the same seed gives the same band. */
  bandSeed?: number;
  /**
   * False: no band is drawn, and Lower, Upper and every percentile are the central forecast. For
   * callers that use the central forecast only (scenarios' savings), as the draws take most of a
   * forecast's time. True unless given.
   */
  band?: boolean;
  adjustments?: readonly RateAdjustment[];
  /** A number of children in care, e.g. 400: the result says the first day the total reaches it. */
  target?: number;
  unitCosts?: UnitCostTable;
  /** The national card, for placements neither WEEKLY_COST nor unitCosts costs. */
  nationalUnitCosts?: UnitCostTable;
  overrides?: PlacementTypeOverrides;
  /** Annual inflation of costs from the start, e.g. 0.03; 0 unless given. */
  inflation?: number;
  /** Reference mode: the weekly cost of each of the open model's cost items (COST_ITEMS order); its defaults unless given. */
  itemCosts?: readonly number[];
  /** Rules applied before the forecast saw the rows (the readers'), put first in the cleaning report. */
  readingRules?: readonly CleaningRule[];
  /** Numbers of children only, no costs: the window choice's backtests compare nothing else. */
  uncosted?: boolean;
}

/** Every option, with the mode's choice filled in where the caller gave none. */
export interface ResolvedOptions {
  mode: ForecastMode;
  referenceStart: Day;
  referenceEnd: Day;
  start: Day;
  months: number;
  end: Day;
  rateMethod: RateMethod;
  leaveCareAt18: boolean;
  exitsByRoute: boolean;
  variance: VarianceMethod;
  fromFirstReturn: boolean;
  /** The first day rates and entries are measured from: the reference start, or the first return's start if later. */
  measuredFrom: Day;
  bandLevel: number;
  inflation: number;
}

export interface CleaningReport {
  /** Episodes given to the forecast (after the readers' own rules). */
  rowsIn: number;
  /** Spells the model runs on (episodes after cleaning, split at birthdays). */
  rowsOut: number;
  rules: CleaningRule[];
}

export interface Rate {
  from: string;
  to: string;
  /** Daily, as used in the projection; the staying rate where from = to. */
  rate: number;
}

export interface ExitRate {
  from: string;
  route: ExitRoute;
  rate: number;
}

export interface EntryRate {
  state: string;
  dailyRate: number;
}

export interface ForecastPoint {
  date: Day;
  /** By state index (see `states`); Not in care states hold the exits since the start. */
  population: Float64Array;
  variance: Float64Array;
}

export interface ForecastMonth {
  /** The reported day: the start, the 1st of each month, the horizon's last day. */
  date: Day;
  /** Children in care. */
  total: number;
  /** The band at the options' level (docs/method/forecast-band.md). */
  lower: number;
  upper: number;
  /** The children in care's percentiles (FAN_PERCENTILES: 5, 25, 50, 75, 95). */
  fan: Record<FanPercentile, number>;
  byCategory: Record<PlacementCategory, number>;
  byBand: Record<string, number>;
  /**
   * Flows in the calendar month of the date, within the horizon (the days after the start, to
   * the end), given on the month's first row: the start's row has the rest of its month, and a
   * later row in a month already given (the end, in mid-month) has none. So the rows add up to
   * the horizon and each financial year's rows to that year (docs/method/forecast.md, "Costs").
   */
  exitsByRoute: Record<ExitRoute, number>;
  exits: number;
  entries: number;
  /** Cost of care in the calendar month of the date, within the horizon, as the flows; with inflation; null without costs. */
  cost: number | null;
  /** The last day the flows and cost count: the end of the date's month, or the horizon's; the previous row's when they count none. */
  through: Day;
}

export interface ReferenceCostItem {
  label: string;
  category: PlacementCategory;
  /** Its share of the category's child-days in the reference window. */
  proportion: number;
  weeklyCost: number;
}

export interface ReferenceCosts {
  items: ReferenceCostItem[];
  months: MonthlyCost[];
}

export interface ForecastResult {
  options: ResolvedOptions;
  mode: ForecastMode;
  referenceStart: Day;
  referenceEnd: Day;
  start: Day;
  end: Day;
  /** The data's dates as the open model sees them: the data start (option, else the first return's start), 31 March after the last date. */
  dataStart: Day;
  dataEnd: Day;
  /** The last DECOM or DEC in the data. */
  lastDate: Day;
  states: readonly ForecastState[];
  points: ForecastPoint[];
  months: ForecastMonth[];
  /** Index t is the day start + t. */
  dailyTotals: Float64Array;
  dailyLower: Float64Array;
  dailyUpper: Float64Array;
  /** How fast entries and the exit rate drifted in the reference window: the band's year-to-year drift. */
  entryDrift: Drift;
  exitDrift: Drift;
  rates: Rate[];
  exitRates: ExitRate[];
  entries: EntryRate[];
  cleaning: CleaningReport;
  /** The first day the total reaches options.target (either way from the start); null if never or no target. */
  targetDate: Day | null;
  costPerYear: YearCost[];
  /** Cost per calendar month and cost item (placement group), with inflation; empty without costs. */
  monthlyCosts: MonthlyCost[];
  /** Weekly cost per category on the start day; null without costs. */
  weeklyCosts: Record<PlacementCategory, number | null> | null;
  /** Reference mode: the open model's own costs (by cost item and calendar month); null in default mode. */
  referenceCosts: ReferenceCosts | null;
  /** Things the user should know about this run (days left out of the rates, uncosted categories…). */
  notes: string[];
  /** Default mode with no window start given: how its window was chosen (window.ts); null otherwise. */
  windowChoice: WindowChoice | null;
}

type ModeChoices = Pick<ResolvedOptions, "rateMethod" | "leaveCareAt18" | "variance" | "fromFirstReturn">;

export const MODE_DEFAULTS: Readonly<Record<ForecastMode, ModeChoices>> = {
  reference: {
    rateMethod: "mean of daily ratios",
    leaveCareAt18: false,
    variance: "open model",
    fromFirstReturn: false,
  },
  default: { rateMethod: "pooled", leaveCareAt18: true, variance: "covariance", fromFirstReturn: true },
};

/**
 * The forecast over the window the options give, optionally from the data as it stood on a
 * cut-off day (the backtest's fit). runForecast (window.ts) chooses the default mode's window first.
 */
export function forecastFrom(episodes: readonly Episode[], children: readonly Child[], options: ForecastOptions, cutoff?: Day, columns?: EpisodeColumns): ForecastResult {
  return fitCleaned(cleanForForecast(episodes, children, options, cutoff, columns), options);
}

/** Episodes cleaned once for forecasts that differ only in their window and horizon: the window choice fits every candidate on one. */
export interface CleanedData {
  episodes: readonly Episode[];
  mode: ForecastMode;
  leaveCareAt18: boolean;
  /** The day the data was cut at (undefined: all of it). */
  cutoff: Day | undefined;
  cleaned: CleaningResult;
  /** The episodes as cleaning reads them: every other cleaning of the same data reuses them. */
  columns: EpisodeColumns;
  /** The daily stocks counted so far, by their first day. */
  stocks: Map<Day, DailyStock>;
  /** Every transition and entry of the cleaned spells, filed once: each window reads its own counts from them. */
  transitions: TransitionHistory;
  entries: EntryHistory;
}

/** Cleans the episodes with the mode's rule at 18 and the data start the options give. */
export function cleanForForecast(
  episodes: readonly Episode[],
  children: readonly Child[],
  options: ForecastOptions,
  cutoff?: Day,
  columns: EpisodeColumns = episodeColumns(episodes, children),
): CleanedData {
  if (episodes.length === 0) throw new ForecastError("there are no episodes to forecast from");
  const mode = options.mode ?? "default";
  if (mode !== "reference" && mode !== "default") throw new ForecastError(`the mode must be "reference" or "default", not "${String(mode)}"`);
  const leaveCareAt18 = options.leaveCareAt18 ?? MODE_DEFAULTS[mode].leaveCareAt18;
  const dataStart = checkDay(options.dataStart, "data start");
  const cleaned = cleanEpisodes(episodes, children, { leaveCareAt18, cutoff, dataStart }, columns);
  const { spells } = cleaned;
  if (spells.dataStart > spells.dataEnd) {
    throw new ForecastError(`the data start (${formatIsoDate(spells.dataStart)}) is after the data's end (${formatIsoDate(spells.dataEnd)})`);
  }
  return { episodes, mode, leaveCareAt18, cutoff, cleaned, columns, stocks: new Map(), transitions: transitionHistory(spells), entries: entryHistory(spells) };
}

/** A window's model: its rates, entries and the start's stock, before any projection. */
interface FittedModel {
  resolved: ResolvedOptions;
  stock: DailyStock;
  window: RateWindow;
  counts: TransitionCounts;
  estimated: EstimatedRates;
  /** The options' scenario adjustments and caps applied to slot rates (the band's draws go through it too). */
  adjustedRates: (bySlot: Float64Array) => Float64Array;
  matrix: Float64Array;
  exitRates: Float64Array;
  measuredEntries: Float64Array;
  entries: Float64Array;
  initial: Float64Array;
  notes: string[];
}

function fitModel(data: CleanedData, options: ForecastOptions): FittedModel {
  const { mode, leaveCareAt18, cleaned } = data;
  const { spells } = cleaned;
  const resolved = resolveOptions(options, mode, spells, leaveCareAt18);
  const notes: string[] = [];

  // Measuring from the first return needs the stock of the day before it, which the return gives:
  // every child in care that day is still in care on its first day, or leaves during it.
  const stockFrom = resolved.fromFirstReturn ? Math.min(spells.dataStart, resolved.measuredFrom - 1) : spells.dataStart;
  let stock = data.stocks.get(stockFrom);
  if (stock === undefined) {
    stock = dailyStock(spells, stockFrom, spells.dataEnd);
    data.stocks.set(stockFrom, stock);
  }
  const window = measurableWindow(resolved.measuredFrom, resolved.referenceEnd, stock, spells.firstEnd);
  if (window.last < window.first) {
    throw new ForecastError(
      `the reference window ${formatIsoDate(resolved.referenceStart)} to ${formatIsoDate(resolved.referenceEnd)} has no day inside the data ` +
        `(${formatIsoDate(stock.firstDay + 1)} to ${formatIsoDate(stock.lastDay)}) on which rates can be measured`,
    );
  }
  if (resolved.measuredFrom > resolved.referenceStart) {
    notes.push(
      `Rates and entries are measured from ${formatIsoDate(resolved.measuredFrom)}, the start of the first return: before it the data ` +
        "holds only the children still in care at that return.",
    );
  }
  if (window.first > resolved.measuredFrom) {
    notes.push(`Rates are measured from ${formatIsoDate(window.first)}: the data has no earlier day with both a previous day's stock and transitions.`);
  }
  const counts: TransitionCounts = { window, history: data.transitions };
  const estimated = estimateRates(counts, stock, resolved.rateMethod);
  if (estimated.daysWithoutStock > 0) {
    notes.push(
      `${estimated.daysWithoutStock} day(s) on which a state had children leave although nobody was in it the day before were left out of the rates ` +
        `(the open model stops with an error on such days).`,
    );
  }
  const adjustments = options.adjustments ?? [];
  const capped = resolved.rateMethod === "pooled" || adjustments.some((a) => a.kind === "transition");
  const adjustedRates = (bySlot: Float64Array) => {
    const adjusted = adjustRates(bySlot, adjustments);
    if (capped) capOutgoingRates(adjusted);
    return adjusted.bySlot;
  };
  const slotRates = adjustedRates(estimated.bySlot);
  const matrix = transitionMatrix(slotRates);
  const exitRates = exitRatesByRoute(slotRates);
  const measuredEntries = entryRates(data.entries, resolved.measuredFrom, resolved.referenceEnd);
  const entries = adjustEntries(measuredEntries, adjustments);

  const initial = new Float64Array(STATE_COUNT);
  initial.set(stockOn(stock, resolved.start));
  if (resolved.start < stock.firstDay || resolved.start > stock.lastDay) {
    notes.push(`The start is outside the data (${formatIsoDate(stock.firstDay)} to ${formatIsoDate(stock.lastDay)}): the stock of the nearest day in it is used.`);
  }

  return { resolved, stock, window, counts, estimated, adjustedRates, matrix, exitRates, measuredEntries, entries, initial, notes };
}

/**
 * The expected children in care by state on each reported day from the start: all the window
 * choice scores a window on, so it is projected without costs, variance or band.
 */
export function expectedOnReportedDays(data: CleanedData, options: ForecastOptions): Pick<ProjectedPoint, "date" | "population">[] {
  const { resolved, matrix, entries, initial } = fitModel(data, options);
  return expectedPopulations(matrix, entries, initial, resolved.start, reportedDays(resolved.start, resolved.end));
}

/** The forecast on data cleanForForecast cleaned with the same mode, rule at 18 and data start as the options. */
export function fitCleaned(data: CleanedData, options: ForecastOptions): ForecastResult {
  const { episodes, mode, cleaned } = data;
  const { spells } = cleaned;
  const { resolved, stock, window, counts, estimated, adjustedRates, matrix, exitRates, measuredEntries, entries, initial, notes } = fitModel(data, options);
  const adjustments = options.adjustments ?? [];

  const costs = options.uncosted ? null : stateCosts(spells, episodes, Math.min(Math.max(resolved.start, stock.firstDay), stock.lastDay), window, options);
  if (costs && costs.nationalShare > 0) {
    notes.push(
      `${(costs.nationalShare * 100).toFixed(1)}% of the weekly costs of the children in care on the start day come from the national unit costs ` +
        "(national estimates, not this council's prices: docs/national-unit-costs.md); give WEEKLY_COST or a Unit costs table for your own.",
    );
  }
  if (costs && costs.uncostedCategories.length > 0) {
    notes.push(`No cost is known for ${costs.uncostedCategories.join(", ")}: those children are left out of the costs (add a unit cost for their placements).`);
  }
  if (costs && costs.uncostedOnDay > 0) {
    notes.push(
      `No cost is known for ${groupedNumber(costs.uncostedOnDay)} of the ${groupedNumber(costs.placementsOnDay)} placements in force on the start day (no WEEKLY_COST, unit cost or national cost): ` +
        "they are left out of the costs, as on LAC Costs and LAC Commitments, and so is the same share of the children projected in their states (add unit costs for them).",
    );
  }
  const inflation = resolved.inflation;
  const reportDays = reportedDays(resolved.start, resolved.end);
  const projection = project({
    matrix,
    entries,
    exitRates,
    initial,
    start: resolved.start,
    end: resolved.end,
    variance: resolved.variance,
    dailyCost: costs?.dailyCost ?? new Float64Array(IN_CARE_STATES),
    itemDailyCost: costs?.itemDailyCost,
    inflation,
    reportDays,
    keepDaily: mode === "reference",
  });

  const windowDays = resolved.referenceEnd - resolved.measuredFrom + 1;
  const drifts = { entryDrift: entryDrift(data.entries, resolved.measuredFrom, resolved.referenceEnd), exitDrift: exitDrift(counts, stock) };
  const fanDays = projection.points.map((point) => point.date - resolved.start);
  const band = options.band === false ? centralOnly(projection.totals, fanDays) : simulateBand({
    slotRates: estimated.bySlot,
    slotCounts: slotTotals(counts),
    matrixOf: (bySlot) => transitionMatrix(adjustedRates(bySlot)),
    entryRates: measuredEntries,
    entryCounts: measuredEntries.map((rate) => rate * windowDays),
    entriesOf: (rates) => adjustEntries(rates, adjustments),
    ...drifts,
    windowDays,
    initial,
    totals: projection.totals,
    moveVariance: projection.totalVariance,
    level: resolved.bandLevel,
    fanDays,
    seed: options.bandSeed ?? DEFAULT_BAND_SEED,
  });
  const dailyLower = band.lower;
  const dailyUpper = band.upper;
  const targetIndex = options.target === undefined ? -1 : firstReaching(projection.totals, checkTarget(options.target));

  return {
    options: resolved,
    mode,
    referenceStart: resolved.referenceStart,
    referenceEnd: resolved.referenceEnd,
    start: resolved.start,
    end: resolved.end,
    dataStart: spells.dataStart,
    dataEnd: spells.dataEnd,
    lastDate: spells.lastDate,
    states: STATES,
    points: projection.points,
    months: monthRows(projection, resolved, dailyLower, dailyUpper, band.fan, costs),
    dailyTotals: projection.totals,
    dailyLower,
    dailyUpper,
    ...drifts,
    rates: rateRows(matrix),
    exitRates: exitRateRows(exitRates),
    entries: STATES.filter((state) => state.inCare).map((state) => ({ state: state.name, dailyRate: entries[state.index] })),
    cleaning: { rowsIn: episodes.length, rowsOut: spells.count, rules: withRulesOnce([...(options.readingRules ?? []), ...cleaned.rules]) },
    targetDate: targetIndex < 0 ? null : resolved.start + targetIndex,
    costPerYear: costs ? costByFinancialYear(projection.cumulativeCost, resolved.start, resolved.end) : [],
    monthlyCosts: costs ? costByMonth(projection.cumulativeItemCost, costs.items, resolved.start, resolved.end) : [],
    weeklyCosts: costs?.weeklyByCategory ?? null,
    referenceCosts: projection.daily ? openModelCosts(spells, episodes, resolved, projection.daily, options.itemCosts) : null,
    notes,
    windowChoice: null,
  };
}

/**
 * The ledger counts its rules before the forecast sees the rows (they come as readingRules), and
 * the forecast's cleaning runs the same rules again: each is listed once, with both counts added.
 */
function withRulesOnce(rules: readonly CleaningRule[]): CleaningRule[] {
  const byName = new Map<string, CleaningRule>();
  for (const rule of rules) {
    const seen = byName.get(rule.rule);
    if (seen) seen.rowsTouched += rule.rowsTouched;
    else byName.set(rule.rule, { rule: rule.rule, rowsTouched: rule.rowsTouched, description: rule.description });
  }
  return [...byName.values()];
}

/** The open model's cost method on the projected days (referenceCosts.ts). */
function openModelCosts(
  spells: Spells,
  episodes: readonly Episode[],
  options: ResolvedOptions,
  daily: Float64Array,
  itemCosts: readonly number[] | undefined,
): ReferenceCosts {
  const weeklyCosts = itemCosts ?? COST_ITEMS.map((item) => item.defaultWeeklyCost);
  if (weeklyCosts.length !== COST_ITEMS.length || weeklyCosts.some((cost) => !Number.isFinite(cost) || cost < 0)) {
    throw new ForecastError(`the item costs must be ${COST_ITEMS.length} weekly costs of 0 or more, one per cost item`);
  }
  const proportions = itemProportions(spells, episodes, options.referenceStart, options.referenceEnd);
  return {
    items: COST_ITEMS.map((item, i) => ({ label: item.label, category: item.category, proportion: proportions[i], weeklyCost: weeklyCosts[i] })),
    months: referenceMonthlyCosts({ start: options.start, daily, days: options.end - options.start, proportions, weeklyCosts, inflation: options.inflation }),
  };
}

function resolveOptions(
  options: ForecastOptions,
  mode: ForecastMode,
  spells: Spells,
  leaveCareAt18: boolean,
): ResolvedOptions {
  const defaults = MODE_DEFAULTS[mode];
  const referenceEnd = checkDay(options.referenceEnd, "reference end") ?? spells.lastDate;
  const referenceStart = checkDay(options.referenceStart, "reference start") ?? addYears(referenceEnd, -3);
  if (referenceStart >= referenceEnd) {
    throw new ForecastError(`the reference window must end after it starts (${formatIsoDate(referenceStart)} to ${formatIsoDate(referenceEnd)})`);
  }
  const start = checkDay(options.start, "start") ?? referenceEnd;
  const months = options.months ?? SETTINGS.forecastMonths.default;
  if (!Number.isInteger(months) || months < 1 || months > 1200) throw new ForecastError(`the months must be a whole number from 1 to 1200 (got ${months})`);
  const bandLevel = options.bandLevel ?? SETTINGS.bandLevel.default;
  if (!(bandLevel > 0 && bandLevel < 1)) throw new ForecastError(`the band's level must be between 0 and 1, e.g. 0.95 (got ${bandLevel})`);
  const inflation = options.inflation ?? SETTINGS.inflation.default;
  const fromFirstReturn = options.fromFirstReturn ?? defaults.fromFirstReturn;
  const measuredFrom = measuredStart(referenceStart, fromFirstReturn, spells);
  if (measuredFrom >= referenceEnd) {
    throw new ForecastError(
      `the reference window ends (${formatIsoDate(referenceEnd)}) before the first return starts (${formatIsoDate(measuredFrom)}): ` +
        "end it later, or measure from the window's own start",
    );
  }
  if (!Number.isFinite(inflation) || inflation <= -1) throw new ForecastError(`inflation must be a yearly rate above -1, e.g. 0.03 (got ${inflation})`);
  return {
    mode,
    referenceStart,
    referenceEnd,
    start,
    months,
    end: addMonths(start, months),
    rateMethod: options.pooledRates === undefined ? defaults.rateMethod : options.pooledRates ? "pooled" : "mean of daily ratios",
    leaveCareAt18,
    exitsByRoute: options.exitsByRoute ?? true,
    variance: options.variance ?? defaults.variance,
    fromFirstReturn,
    measuredFrom,
    bandLevel,
    inflation,
  };
}

/** The first day rates and entries are measured from: the window's start, or the first return's if later and asked for. */
export function measuredStart(referenceStart: Day, fromFirstReturn: boolean, spells: Pick<Spells, "firstReturnStart">): Day {
  return fromFirstReturn && spells.firstReturnStart !== null ? Math.max(referenceStart, spells.firstReturnStart) : referenceStart;
}

function checkDay(day: Day | undefined, what: string): Day | undefined {
  if (day !== undefined && !Number.isInteger(day)) throw new ForecastError(`the ${what} must be a date`);
  return day;
}

function checkTarget(target: number): number {
  if (!Number.isFinite(target) || target < 0) throw new ForecastError(`the target must be a number of children, 0 or more (got ${target})`);
  return target;
}

/**
 * The rows whose flows and cost count any day: each calendar month of the horizon once, on its
 * first row (a row whose `through` moved on). The start on a month's last day, and the end in a
 * month already given, count none.
 */
export function monthsCounted(result: Pick<ForecastResult, "start" | "months">): ForecastMonth[] {
  return result.months.filter((month, i) => month.through > (i === 0 ? result.start : result.months[i - 1].through));
}

/** The start, the 1st of every month after it up to the end, and the end. */
export function reportedDays(start: Day, end: Day): Day[] {
  const days = [start];
  const { year, month } = ymdOfDay(start);
  for (let first = dayFromYmd(year, month, 1); ; ) {
    first = addMonths(first, 1);
    if (first > end) break;
    if (first > start) days.push(first);
  }
  if (days[days.length - 1] !== end) days.push(end);
  return days;
}

function monthRows(
  projection: Projection,
  options: ResolvedOptions,
  lower: Float64Array,
  upper: Float64Array,
  fan: readonly number[][],
  costs: StateCosts | null,
): ForecastMonth[] {
  let monthGiven = -1;
  let through = options.start;
  return projection.points.map((point, index) => {
    const t = point.date - options.start;
    const byCategory = Object.fromEntries(PLACEMENT_CATEGORIES.map((c) => [c, 0])) as Record<PlacementCategory, number>;
    const byBand = Object.fromEntries(AGE_BANDS.map((b) => [b.label, 0])) as Record<string, number>;
    for (let s = 0; s < IN_CARE_STATES; s++) {
      byCategory[PLACEMENT_CATEGORIES[categoryOfState(s)]] += point.population[s];
      byBand[AGE_BANDS[bandOfState(s)].label] += point.population[s];
    }
    // The days of the date's month inside the horizon, as offsets from the start: none when the month was given on an earlier row.
    const { year, month } = ymdOfDay(point.date);
    const first = monthGiven === year * 12 + month ? Infinity : Math.max(dayFromYmd(year, month, 1), options.start + 1) - options.start;
    const last = Math.min(dayFromYmd(year, month + 1, 1) - 1, options.end) - options.start;
    monthGiven = year * 12 + month;
    if (first <= last) through = options.start + last;
    /** What a running sum (index t, or t × stride + offset) adds up over the month's days in the horizon. */
    const inMonth = (sums: Float64Array, stride = 1, offset = 0) => (first <= last ? sums[last * stride + offset] - sums[(first - 1) * stride + offset] : 0);
    const exitsByRoute = Object.fromEntries(EXIT_ROUTES.map((r) => [r, 0])) as Record<ExitRoute, number>;
    let exits = 0;
    for (let r = 0; r < ROUTE_COUNT; r++) {
      const flow = inMonth(projection.cumulativeExits, ROUTE_COUNT, r);
      exitsByRoute[options.exitsByRoute ? EXIT_ROUTES[r] : "Other"] += flow;
      exits += flow;
    }
    return {
      date: point.date,
      total: projection.totals[t],
      lower: lower[t],
      upper: upper[t],
      fan: Object.fromEntries(FAN_PERCENTILES.map((p, i) => [p, fan[index][i]])) as Record<FanPercentile, number>,
      byCategory,
      byBand,
      exitsByRoute,
      exits,
      entries: inMonth(projection.cumulativeEntries),
      cost: costs ? inMonth(projection.cumulativeCost) : null,
      through,
    };
  });
}

/** The "band" of a forecast drawn without one: every percentile is the central forecast. */
function centralOnly(totals: Float64Array, fanDays: readonly number[]): Band {
  return { lower: totals.slice(), upper: totals.slice(), fan: fanDays.map((t) => FAN_PERCENTILES.map(() => totals[t])) };
}

function rateRows(matrix: Float64Array): Rate[] {
  const rows: Rate[] = [];
  for (let from = 0; from < IN_CARE_STATES; from++) {
    for (let to = 0; to < STATE_COUNT; to++) {
      const rate = matrix[to * STATE_COUNT + from];
      if (to === from || rate !== 0) rows.push({ from: STATES[from].name, to: STATES[to].name, rate });
    }
  }
  return rows;
}

function exitRateRows(exitRates: Float64Array): ExitRate[] {
  const rows: ExitRate[] = [];
  for (let from = 0; from < IN_CARE_STATES; from++) {
    for (let r = 0; r < ROUTE_COUNT; r++) {
      const rate = exitRates[from * ROUTE_COUNT + r];
      if (rate !== 0) rows.push({ from: STATES[from].name, route: EXIT_ROUTES[r], rate });
    }
  }
  return rows;
}

