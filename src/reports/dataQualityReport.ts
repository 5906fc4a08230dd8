/**
 * LAC Data Quality: every row the readers rejected or corrected, with its row number and
 * reason, and a reconciliation per input table showing that rows in = rows used + rows rejected.
 */

import type { CleaningRule } from "../engine/ledger";
import type { InputCount } from "../engine/pipeline";
import type { RowIssue } from "../engine/quality";
import type { Block, SheetSpec } from "../workbook/spec";
import { DEFAULT_SHEET_NAMES, REPORT_TITLES, SheetOptions, TOTAL_LABEL, integerColumn, note, plural, tableOrSentence, textColumn } from "./common";

export const DATA_QUALITY_TABLES = {
  inputs: "LAC_DataQuality_Inputs",
  cleaning: "LAC_DataQuality_Cleaning",
  issues: "LAC_DataQuality_Rows",
} as const;

export interface DataQualityOptions extends SheetOptions {
  /** The pipeline's cleaning rules, with the rows each touched (docs/pipeline.md). */
  rules?: readonly CleaningRule[];
}

const ACTION_LABELS: Readonly<Record<RowIssue["action"], string>> = { rejected: "Rejected", corrected: "Corrected", noted: "Noted" };

/** Distinct rows of a table with an issue of the given action. */
function rowsWith(issues: readonly RowIssue[], table: string, action: RowIssue["action"]): number {
  return new Set(issues.filter((i) => i.table === table && i.action === action).map((i) => i.row)).size;
}

export function dataQualityReport(issues: readonly RowIssue[], counts: readonly InputCount[], options: DataQualityOptions = {}): SheetSpec {
  const order = new Map(counts.map((c, index) => [c.table, index]));
  const sorted = [...issues].sort(
    (a, b) =>
      (order.get(a.table) ?? counts.length) - (order.get(b.table) ?? counts.length) ||
      a.table.localeCompare(b.table) ||
      a.row - b.row ||
      (a.column ?? "").localeCompare(b.column ?? ""),
  );
  const balances = (c: InputCount) => c.rowsIn === c.rowsUsed + c.rowsRejected + c.rowsSuperseded;
  const unbalanced = counts.filter((c) => !balances(c));
  const rejected = sorted.filter((i) => i.action === "rejected").length;
  const corrected = sorted.filter((i) => i.action === "corrected").length;
  const noted = sorted.length - rejected - corrected;
  const blocks: Block[] = [
    note(
      sorted.length === 0
        ? "Every row read was used as it was."
        : `${plural(rejected, "rejection")}, ${plural(corrected, "correction")} and ${plural(noted, "note")} across the inputs, listed below by table and row.`,
      "heading",
    ),
    {
      kind: "table",
      name: DATA_QUALITY_TABLES.inputs,
      title: "Inputs: rows in = rows used + rows rejected + rows superseded",
      columns: [
        textColumn("Input", TOTAL_LABEL),
        textColumn("Read from"),
        integerColumn("Rows in", true),
        integerColumn("Rows used", true),
        integerColumn("Rows rejected", true),
        integerColumn("Rows superseded", true),
        integerColumn("Rows corrected", true),
        textColumn("Balances"),
        textColumn("Status"),
      ],
      rows: counts.map((c) => [
        c.table,
        c.source ?? "",
        c.rowsIn,
        c.rowsUsed,
        c.rowsRejected,
        c.rowsSuperseded,
        rowsWith(issues, c.table, "corrected"),
        balances(c) ? "Yes" : "No",
        c.status,
      ]),
    },
  ];
  if (unbalanced.length > 0) {
    blocks.push(note(`Rows do not balance for ${unbalanced.map((c) => c.table).join(", ")}: please report this as a fault.`, "warning"));
  }
  if (options.rules && options.rules.length > 0) {
    blocks.push({
      kind: "table",
      name: DATA_QUALITY_TABLES.cleaning,
      title: "Combining the returns: rows each rule touched",
      columns: [textColumn("Rule", TOTAL_LABEL), integerColumn("Rows touched", true), textColumn("What it does")],
      rows: options.rules.map((r) => [r.rule, r.rowsTouched, r.description]),
    });
  }
  blocks.push(
    note("Blank rows are not counted. A rejected row is left out of every report; a corrected row is used as the Reason says."),
    tableOrSentence(
      {
        kind: "table",
        name: DATA_QUALITY_TABLES.issues,
        title: "Rows rejected, corrected or noted",
        columns: [textColumn("Table"), integerColumn("Row"), textColumn("Column"), textColumn("Action"), textColumn("Reason")],
        rows: sorted.map((i) => [i.table, i.row, i.column ?? "", ACTION_LABELS[i.action], i.reason]),
      },
      "No row was rejected, corrected or noted.",
    ),
  );
  return { name: options.sheetName ?? DEFAULT_SHEET_NAMES.dataQuality, title: REPORT_TITLES.dataQuality, blocks };
}
