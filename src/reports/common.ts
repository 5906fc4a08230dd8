/**
 * What every report sheet shares: the sheet names, the column builders that give each kind of
 * figure the same format everywhere, and the lines that say which data a report describes
 * (never the clock, so that refreshing twice gives the same workbook).
 */

import { Day, formatUkDate } from "../engine/dates";
import { Period } from "../engine/costs";
import { groupedNumber } from "../engine/numberText";
import type { Block, ColumnSpec, ColumnTotal, KeyValuePair, SheetSpec, TableBlock } from "../workbook/spec";

export type ReportKey = "costs" | "forecast" | "scenarios" | "variance" | "commitments" | "highCost" | "dataQuality" | "benchmark";

export const REPORT_KEYS: readonly ReportKey[] = ["costs", "forecast", "scenarios", "variance", "commitments", "highCost", "dataQuality", "benchmark"];

/** The sheets the add-in writes, in the order a refresh writes them. */
export const DEFAULT_SHEET_NAMES: Readonly<Record<ReportKey, string>> = {
  costs: "LAC Costs",
  forecast: "LAC Forecast",
  scenarios: "LAC Scenarios",
  variance: "LAC Variance",
  commitments: "LAC Commitments",
  highCost: "LAC High-Cost Placements",
  dataQuality: "LAC Data Quality",
  benchmark: "LAC Benchmark",
};

/** Each sheet's title line (A1): the same every month. */
export const REPORT_TITLES: Readonly<Record<ReportKey, string>> = {
  costs: "Looked-after children: placement costs",
  forecast: "Looked-after children: forecast",
  scenarios: "Looked-after children: scenarios and savings",
  variance: "Budget variance",
  commitments: "Looked-after children: placement commitments",
  highCost: "Looked-after children: high-cost placements and the review",
  dataQuality: "Looked-after children: data quality",
  benchmark: "Looked-after children: benchmarks against statistical neighbours",
};

export interface SheetOptions {
  /** The sheet's name; the report's default (e.g. "LAC Costs") unless given. */
  sheetName?: string;
}

/** The label in the first column of every totals row. */
export const TOTAL_LABEL: ColumnTotal = { label: "Total" };

/** A report that cannot be produced from what the workbook holds says so, in place of its tables. */
export function noteOnlyReport(report: ReportKey, text: string, options: SheetOptions = {}): SheetSpec {
  return { name: options.sheetName ?? DEFAULT_SHEET_NAMES[report], title: REPORT_TITLES[report], blocks: [note(text, "warning")] };
}

/** A table with rows, or where it has none a sentence saying so: a sheet never shows a table of headers alone. */
export function tableOrSentence(table: TableBlock, whenEmpty: string): Block {
  return table.rows.length > 0 ? table : note(whenEmpty);
}

export function textColumn(header: string, total?: ColumnTotal): ColumnSpec {
  return total === undefined ? { header, kind: "text" } : { header, kind: "text", total };
}

/**
 * An average's column whose totals row holds the ratio of two summed columns, e.g. Avg cost/week
 * totalled as Total cost ÷ Time (weeks) — not the mean of the rows' averages.
 */
export function ratioTotal(numerator: string, denominator: string): ColumnTotal {
  return { ratioOf: [numerator, denominator] };
}

/** Pounds; whole pounds unless pence matter (weekly rates). */
export function currencyColumn(header: string, options: { total?: boolean | ColumnTotal; pence?: boolean } = {}): ColumnSpec {
  const column: ColumnSpec = { header, kind: "currency" };
  if (options.pence) column.decimals = 2;
  if (options.total) column.total = options.total === true ? "sum" : options.total;
  return column;
}

export function weeksColumn(header: string, total = false): ColumnSpec {
  return total ? { header, kind: "weeks", total: "sum" } : { header, kind: "weeks" };
}

export function integerColumn(header: string, total = false): ColumnSpec {
  return total ? { header, kind: "integer", total: "sum" } : { header, kind: "integer" };
}

/** A count that the model gives as an expected value (children in care), to one decimal place. */
export function countColumn(header: string, total = false): ColumnSpec {
  const column: ColumnSpec = { header, kind: "number", decimals: 1 };
  if (total) column.total = "sum";
  return column;
}

/** A fraction shown as a percentage (0.125 → 12.5%). */
export function percentColumn(header: string, total?: ColumnTotal): ColumnSpec {
  return total === undefined ? { header, kind: "percent" } : { header, kind: "percent", total };
}

export function dateColumn(header: string): ColumnSpec {
  return { header, kind: "date" };
}

export function periodText(period: Period): string {
  return `${formatUkDate(period.start)} to ${formatUkDate(period.end)}`;
}

export function datePair(key: string, day: Day | null): KeyValuePair {
  return day === null ? { key, value: "Not known" } : { key, value: day, kind: "date" };
}

export function plural(count: number, word: string, pluralWord = `${word}s`): string {
  return `${groupedNumber(count)} ${count === 1 ? word : pluralWord}`;
}

export function note(text: string, style: "normal" | "heading" | "warning" = "normal"): Block {
  return { kind: "note", text, style };
}

export { pounds } from "../engine/money";
