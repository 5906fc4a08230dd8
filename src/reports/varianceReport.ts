/**
 * LAC Variance: budget against forecast outturn per budget line (docs/method/variance.md), with the
 * variance, its percentage, the movement since last month's forecast, a RAG status on the
 * thresholds in force, totals, and a column chart of the variance by line.
 */

import type { EngineLineForecast, PlacementFigures } from "../engine/figures";
import { formatUkDate } from "../engine/dates";
import type { RagThresholds, VarianceReport } from "../engine/variance";
import type { Block, KeyValuePair, SheetSpec } from "../workbook/spec";
import { DEFAULT_SHEET_NAMES, REPORT_TITLES, SheetOptions, TOTAL_LABEL, currencyColumn, datePair, note, percentColumn, pounds, ratioTotal, textColumn } from "./common";

export const VARIANCE_TABLES = { lines: "LAC_Variance_Lines" } as const;

/** How a budget line's forecast outturn came from the engine instead of the Budget table. */
export interface VarianceReportOptions extends SheetOptions {
  engineForecasts?: readonly EngineLineForecast[];
  /** Lines that were meant to take the engine's forecast but could not, with why. */
  engineNotes?: readonly string[];
  /** The placements figures (docs/figures.md): the year, the as-at day and the engine's parts of the outturn. */
  placements?: PlacementFigures | null;
}

function thresholdText(t: RagThresholds): string {
  const amber = `Amber: overspend above ${t.amberPercent}% of budget${t.amberAmount !== undefined ? ` or ${pounds(t.amberAmount)}` : ""}`;
  const red = `Red: above ${t.redPercent}%${t.redAmount !== undefined ? ` or ${pounds(t.redAmount)}` : ""}`;
  return `${amber}; ${red}; otherwise Green (underspends included).`;
}

export function varianceReport(report: VarianceReport, options: VarianceReportOptions = {}): SheetSpec {
  const engine = new Map((options.engineForecasts ?? []).map((f) => [f.line, f]));
  const { total } = report;
  const count = (rag: string) => report.rows.filter((r) => r.rag === rag).length;
  const pairs: KeyValuePair[] = [];
  const placements = options.placements ?? null;
  if (placements !== null) pairs.push({ key: "Financial year", value: placements.financialYear }, datePair("Actuals up to", placements.asAt));
  pairs.push(
    { key: "Budget", value: total.budget, kind: "currency" },
    { key: "Forecast outturn", value: total.forecastOutturn, kind: "currency" },
    { key: "Variance", value: total.variance, kind: "currency" },
    { key: "Variance %", value: total.variancePercent === null ? null : total.variancePercent / 100, kind: "percent" },
    { key: "Overall RAG", value: total.rag, rag: true },
    { key: "Lines Red / Amber / Green", value: `${count("Red")} / ${count("Amber")} / ${count("Green")}` },
  );
  const blocks: Block[] = [
    { kind: "keyValues", title: "Budget against forecast outturn", pairs },
    note(`Variance = forecast outturn − budget: positive is an overspend. ${thresholdText(report.thresholds)}`),
  ];
  // The notes that come and go with the data stand below the table, so that the table's header
  // keeps its row from one refresh to the next (Excel then resizes it in place, and formulas that
  // name its columns keep working).
  const engineNotes: Block[] = [];
  for (const f of engine.values()) {
    const asAt = placements === null ? "" : ` (1 April to ${formatUkDate(placements.asAt)})`;
    engineNotes.push(
      note(
        `${f.line}: forecast outturn from the engine ${pounds(f.forecastOutturn)} = placements spend to date${asAt} ${pounds(f.spendToDate)} ` +
          `+ forecast cost to 31 March ${pounds(f.forecastToYearEnd)}` +
          (placements !== null && placements.unmodelledToYearEnd > 0
            ? ` (of which ${pounds(placements.unmodelledToYearEnd)} is the current placements of children with no usable date of birth, whom the forecast cannot place in an age band, continued to 31 March).`
            : "."),
      ),
    );
    if (f.budgetTableActual !== null && Math.round(f.budgetTableActual) !== Math.round(f.spendToDate)) {
      engineNotes.push(
        note(
          `${f.line}: the Budget table's actual to date is ${pounds(f.budgetTableActual)}, the episodes' cost to date ${pounds(f.spendToDate)}: ` +
            `a difference of ${pounds(f.budgetTableActual - f.spendToDate)}. The engine's figure is used, so the outturn adds up; check the finance system's ledger against the episodes.`,
          "warning",
        ),
      );
    }
  }
  for (const text of options.engineNotes ?? []) engineNotes.push(note(text, "warning"));
  if (report.rows.length === 0) {
    blocks.push(note("The Budget table has no lines to report.", "warning"), ...engineNotes);
    return { name: options.sheetName ?? DEFAULT_SHEET_NAMES.variance, title: REPORT_TITLES.variance, blocks };
  }
  blocks.push(
    {
      kind: "table",
      name: VARIANCE_TABLES.lines,
      title: "By budget line",
      columns: [
        textColumn("Budget line", TOTAL_LABEL),
        currencyColumn("Budget", { total: true }),
        currencyColumn("Actual to date", { total: true }),
        currencyColumn("Forecast outturn", { total: true }),
        currencyColumn("Variance", { total: true }),
        percentColumn("Variance %", ratioTotal("Variance", "Budget")),
        currencyColumn("Movement", { total: true }),
        { ...textColumn("RAG", { label: total.rag }), rag: true },
        textColumn("Forecast from"),
      ],
      rows: report.rows.map((r) => [
        r.line,
        r.budget,
        r.actualToDate,
        r.forecastOutturn,
        r.variance,
        r.variancePercent === null ? null : r.variancePercent / 100,
        r.movement,
        r.rag,
        engine.has(r.line) ? "Engine" : "Budget table",
      ]),
    },
    {
      kind: "chart",
      chart: { type: "column", title: "Variance by budget line (positive = overspend)", table: VARIANCE_TABLES.lines, category: "Budget line", series: ["Variance"] },
    },
  );
  blocks.push(...engineNotes);
  return { name: options.sheetName ?? DEFAULT_SHEET_NAMES.variance, title: REPORT_TITLES.variance, blocks };
}
