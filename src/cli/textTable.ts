/** Plain-text tables and number formats for the terminal: columns aligned, money in pounds. */

import { groupedNumber } from "../engine/numberText";

export interface TextColumn {
  header: string;
  align?: "left" | "right";
}

/**
 * Lays out rows under their headers, two spaces between columns, with a rule under the header
 * and, when a footer row (a total) is given, a rule above it.
 */
export function formatTextTable(columns: readonly TextColumn[], rows: readonly (readonly string[])[], footer?: readonly string[]): string {
  const all = footer ? [...rows, footer] : rows;
  const widths = columns.map((column, i) => Math.max(column.header.length, ...all.map((row) => (row[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    columns
      .map((column, i) => (column.align === "right" ? (cells[i] ?? "").padStart(widths[i]) : (cells[i] ?? "").padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  const lines = [line(columns.map((c) => c.header)), rule, ...rows.map(line)];
  if (footer) lines.push(rule, line(footer));
  return `${lines.join("\n")}\n`;
}

/** "£1,234,567"; whole pounds, as budget reports print them. */
export function formatPounds(amount: number | null): string {
  if (amount === null || !Number.isFinite(amount)) return "-";
  const text = `£${groupedNumber(Math.abs(amount), 0, 0)}`;
  return amount < 0 && text !== "£0" ? `-${text}` : text;
}

/** "1,234.5": weeks, and children in a forecast, to one decimal place. */
export function formatOneDecimal(value: number): string {
  return groupedNumber(value, 1, 1);
}

export function formatWeeks(weeks: number): string {
  return formatOneDecimal(weeks);
}

export function formatCount(count: number): string {
  return groupedNumber(count, 0, 0);
}
