/**
 * LAC Forecast: children in care month by month with the uncertainty band (table and line
 * chart), the placement mix, entries and exits by route, the cost of care per month and per
 * financial year, the month a target is reached, and what cleaning did to the data.
 */

import { EXIT_ROUTES, PLACEMENT_CATEGORIES } from "../engine/codes";
import { FAN_PERCENTILES, WINDOW_SCORING, type BandCoverage, type FanPercentile, type ForecastResult } from "../engine/forecast";
import { formatUkDate } from "../engine/dates";
import { groupedNumber } from "../engine/numberText";
import type { Block, ColumnSpec, KeyValuePair, SheetSpec } from "../workbook/spec";
import {
  DEFAULT_SHEET_NAMES,
  REPORT_TITLES,
  SheetOptions,
  TOTAL_LABEL,
  countColumn,
  currencyColumn,
  dateColumn,
  datePair,
  integerColumn,
  note,
  percentColumn,
  textColumn,
} from "./common";

export const FORECAST_TABLES = {
  monthly: "LAC_Forecast_Monthly",
  costByYear: "LAC_Forecast_CostByYear",
  openModelCosts: "LAC_Forecast_OpenModelCosts",
  cleaning: "LAC_Forecast_Cleaning",
  window: "LAC_Forecast_Window",
} as const;

export interface ForecastReportOptions extends SheetOptions {
  /** The target the user set (e.g. 400 children in care), if any. */
  target?: number | null;
  /** How often the band held what happened in backtests on the same data; null when none could run. */
  coverage?: BandCoverage | null;
}

/** The monthly table's percentile columns (the fan), FAN_PERCENTILES in order. */
export const PERCENTILE_HEADERS: Readonly<Record<FanPercentile, string>> = {
  5: "5th percentile",
  25: "25th percentile",
  50: "Median",
  75: "75th percentile",
  95: "95th percentile",
};

/** "51% of 264 months (22 cut-offs)". */
function coverageText(share: number, coverage: BandCoverage): string {
  return `${Math.round(share * 100)}% of ${coverage.months} months (${coverage.cutoffs.length} cut-off${coverage.cutoffs.length === 1 ? "" : "s"})`;
}

/** Each exit route's column, beside "Exits, all routes": short, and never repeating the word before it. */
const EXIT_HEADERS: Readonly<Record<string, string>> = {
  "Returned home": "Returned home",
  Adopted: "Adopted",
  "Special guardianship / CAO": "SGO/CAO",
  "Aged out / independent living": "Aged out",
  Other: "Other exits",
};

/** The monthly table's column of exits by every route, followed by one column per route. */
export const ALL_EXITS = "Exits, all routes";

export function forecastReport(result: ForecastResult, options: ForecastReportOptions = {}): SheetSpec {
  const bandPercent = Number((result.options.bandLevel * 100).toFixed(1));
  const first = result.months[0];
  const last = result.months[result.months.length - 1];
  const costed = result.months.some((m) => m.cost !== null);
  const pairs: KeyValuePair[] = [
    { key: "Model", value: result.mode === "reference" ? "Reference (as the regional demand model)" : "Default" },
    datePair("Data up to", result.lastDate),
    datePair("Rates observed from", result.referenceStart),
    datePair("Rates observed to", result.referenceEnd),
    datePair("Forecast from", result.start),
    datePair("Forecast to", result.end),
    { key: "Children in care at the start", value: first?.total ?? null, kind: "number", decimals: 1 },
    { key: "Children in care at the end", value: last?.total ?? null, kind: "number", decimals: 1 },
    { key: `Band at the end (${bandPercent}%)`, value: last ? `${last.lower.toFixed(1)} to ${last.upper.toFixed(1)}` : "" },
    {
      key: `Band (${bandPercent}%) held the actual in backtests`,
      value: options.coverage ? coverageText(options.coverage.coverage, options.coverage) : "Not measurable: the data allows no backtest",
    },
    {
      key: "25th–75th percentile (50%) held the actual in backtests",
      value: options.coverage ? coverageText(options.coverage.innerCoverage, options.coverage) : "Not measurable",
    },
  ];
  if (options.target !== undefined && options.target !== null) {
    pairs.push({ key: "Target", value: options.target, kind: "integer" });
    pairs.push(result.targetDate === null ? { key: "Target reached", value: "Not within the forecast" } : datePair("Target reached", result.targetDate));
  }
  const blocks: Block[] = [
    { kind: "keyValues", title: "Forecast of children in care", pairs },
    note(
      `Lower and Upper bound the total at ${bandPercent}%, the percentiles at their share: they count the chance in children's moves, the ` +
        `uncertainty of the measured rates and entries, and entries and the exit rate drifting from year to year (in the reference window, entries by ` +
        `${(result.entryDrift.yearly * 100).toFixed(0)}% a year, the exit rate by ${(result.exitDrift.yearly * 100).toFixed(0)}%, as standard deviations); ` +
        `the backtests say how often they held (docs/method/forecast-band.md). Entries, exits and cost are for each row's calendar month after the start, ` +
        `to the forecast's end, so a financial year's months add up to its cost below; ` +
        "children in care are the model's expected numbers, so they carry decimals.",
    ),
    ...result.notes.map((text) => note(text)),
  ];
  if (!costed) {
    blocks.push(note("No costs: the episodes carry no WEEKLY_COST and there is no Unit costs table, so the cost columns are blank.", "warning"));
  }
  blocks.push(...windowChoiceBlocks(result));

  const columns: ColumnSpec[] = [
    { ...dateColumn("Date"), total: TOTAL_LABEL },
    countColumn("Children in care"),
    countColumn("Lower"),
    countColumn("Upper"),
    ...FAN_PERCENTILES.map((p) => countColumn(PERCENTILE_HEADERS[p])),
    ...PLACEMENT_CATEGORIES.map((c) => countColumn(c)),
    countColumn("Entries", true),
    countColumn(ALL_EXITS, true),
    ...EXIT_ROUTES.map((r) => countColumn(EXIT_HEADERS[r], true)),
    currencyColumn("Cost", { total: true }),
  ];
  blocks.push(
    {
      kind: "table",
      name: FORECAST_TABLES.monthly,
      title: "Month by month",
      columns,
      rows: result.months.map((m) => [
        m.date,
        m.total,
        m.lower,
        m.upper,
        ...FAN_PERCENTILES.map((p) => m.fan[p]),
        ...PLACEMENT_CATEGORIES.map((c) => m.byCategory[c]),
        m.entries,
        m.exits,
        ...EXIT_ROUTES.map((r) => m.exitsByRoute[r]),
        m.cost,
      ]),
    },
    {
      kind: "chart",
      chart: {
        type: "line",
        title: `Children in care with the ${bandPercent}% band and the 25th to 75th percentile`,
        table: FORECAST_TABLES.monthly,
        category: "Date",
        series: ["Children in care", "Lower", "Upper", PERCENTILE_HEADERS[25], PERCENTILE_HEADERS[75], PERCENTILE_HEADERS[50]],
        fan: true,
        columns: 10,
      },
    },
    {
      kind: "table",
      name: FORECAST_TABLES.costByYear,
      title: "Cost of care by financial year",
      columns: [textColumn("Financial year", TOTAL_LABEL), currencyColumn("Cost", { total: true })],
      rows: result.costPerYear.map((y) => [y.label, costed ? y.cost : null]),
    },
    ...openModelCostBlocks(result),
    {
      kind: "table",
      name: FORECAST_TABLES.cleaning,
      title: `Data cleaning before the model: ${groupedNumber(result.cleaning.rowsIn)} episodes in, ${groupedNumber(result.cleaning.rowsOut)} out`,
      // The explanations run on over the empty cells to their right instead of widening their
      // column, which the monthly table above shares with a column of figures.
      columns: [textColumn("Rule"), integerColumn("Rows touched"), { ...textColumn("What it does"), width: 14 }],
      rows: result.cleaning.rules.map((r) => [r.rule, r.rowsTouched, r.description]),
    },
  );
  return { name: options.sheetName ?? DEFAULT_SHEET_NAMES.forecast, title: REPORT_TITLES.forecast, blocks };
}

/** Reference mode: the open model's own costs, one row per calendar month and a column per cost item. */
function openModelCostBlocks(result: ForecastResult): Block[] {
  const costs = result.referenceCosts;
  if (!costs) return [];
  const months = [...new Set(costs.months.map((m) => m.month))];
  const cost = new Map(costs.months.map((m) => [`${m.month} ${m.item}`, m.cost]));
  return [
    {
      kind: "table",
      name: FORECAST_TABLES.openModelCosts,
      title: "The regional demand model's cost by month and cost item",
      columns: [
        textColumn("Month", TOTAL_LABEL),
        ...costs.items.map((item) => currencyColumn(item.label, { total: true })),
        currencyColumn("Total", { total: true }),
      ],
      rows: months.map((month) => {
        const byItem = costs.items.map((item) => cost.get(`${month} ${item.label}`) ?? 0);
        return [month, ...byItem, byItem.reduce((sum, c) => sum + c, 0)];
      }),
    },
    note(
      "Costed as the regional demand model costs: each day's children, rounded, split between its cost items by their child-days " +
        `in the reference window, at its weekly costs (${costs.items.map((i) => `${i.label} £${groupedNumber(i.weeklyCost)}`).join(", ")}).`,
    ),
  ];
}

/** Default mode without a window set: the candidate windows' backtest errors, the chosen one marked (docs/method/forecast-window.md). */
function windowChoiceBlocks(result: ForecastResult): Block[] {
  const choice = result.windowChoice;
  if (!choice) return [];
  const evidence =
    choice.cutoffs.length === 0
      ? "No cut-off before the start has three months of data since the first return behind it, so no window could be scored: the window since the first return is used."
      : `Each window was backtested ${WINDOW_SCORING.horizonMonths} months ahead from ${choice.cutoffs.length} cut-off${choice.cutoffs.length === 1 ? "" : "s"}, ` +
        `every ${WINDOW_SCORING.stepMonths} months from ${formatUkDate(choice.cutoffs[choice.cutoffs.length - 1])} to ${formatUkDate(choice.cutoffs[0])}, ` +
        `on the data up to ${formatUkDate(choice.knownUntil)} only; the forecast uses the one with the lowest mean error of the monthly total.`;
  return [
    {
      kind: "table",
      name: FORECAST_TABLES.window,
      title: `Rates window chosen by evidence: ${choice.chosen.label}, from ${formatUkDate(choice.referenceStart)}`,
      columns: [textColumn("Window"), percentColumn("Mean error"), integerColumn("Months compared"), textColumn("Chosen")],
      rows: choice.scores.map((score) => [score.candidate.label, score.error, score.monthsCompared, score.candidate === choice.chosen ? "Chosen" : ""]),
    },
    note(`${evidence} Set "Forecast rates from" in LAC Settings to fix the window yourself.`),
  ];
}
