/** Plain-text tables and number formats for the terminal: columns aligned, money in pounds. */

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

/**
 * A number format made on its first use, not when the module loads: the first Intl format of a
 * process costs tens of milliseconds (docs/benchmarks.md), which a command that prints no number
 * (lac --help) should not pay.
 */
function lazyFormat(options: Intl.NumberFormatOptions): () => Intl.NumberFormat {
  let format: Intl.NumberFormat | undefined;
  return () => (format ??= new Intl.NumberFormat("en-GB", options));
}

const WHOLE = lazyFormat({ maximumFractionDigits: 0 });
const ONE_DECIMAL = lazyFormat({ minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** "£1,234,567"; whole pounds, as budget reports print them. */
export function formatPounds(amount: number | null): string {
  if (amount === null || !Number.isFinite(amount)) return "-";
  const text = `£${WHOLE().format(Math.abs(amount))}`;
  return amount < 0 && text !== "£0" ? `-${text}` : text;
}

/** "1,234.5": weeks, and children in a forecast, to one decimal place. */
export function formatOneDecimal(value: number): string {
  return ONE_DECIMAL().format(value);
}

export function formatWeeks(weeks: number): string {
  return formatOneDecimal(weeks);
}

export function formatCount(count: number): string {
  return WHOLE().format(count);
}
