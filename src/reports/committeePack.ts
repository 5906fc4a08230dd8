/**
 * The committee pack: the report sheets alone, to forward to a committee or a budget holder
 * without the workbook that holds the children's records. It is built from the sheet specs a
 * refresh computed, never copied from the workbook, so nothing else of the workbook (its data
 * tables, names, comments or properties) can come along; the file adapter writes it values only.
 *
 * The reports hold counts, costs and rates, never a child's record, with these exceptions: LAC
 * Data Quality's table of rows rejected or corrected, whose reasons can quote a CHILD, a date of
 * birth or a postcode, and the child-by-child tables of LAC Commitments and LAC High-Cost
 * Placements. The pack keeps those sheets' summaries and totals and leaves out their row-level
 * tables, saying where to find them.
 */

import type { Block, SheetSpec } from "../workbook/spec";
import { note } from "./common";
import { COMMITMENTS_TABLES, HIGH_COST_TABLES } from "./commitmentsReport";
import { DATA_QUALITY_TABLES } from "./dataQualityReport";

/** Tables whose rows describe single input rows or single children, and so may quote a child's data. */
const ROW_LEVEL_TABLES: readonly string[] = [DATA_QUALITY_TABLES.issues, COMMITMENTS_TABLES.placements, HIGH_COST_TABLES.placements, HIGH_COST_TABLES.review];

export const ROW_LEVEL_LEFT_OUT =
  "Rows about single children are not in the committee pack, because they can quote children's details; they are on this sheet in the workbook the pack was made from.";

/** A report sheet as it goes into the pack: without row-level tables, and the note that introduced them. */
function packSheet(spec: SheetSpec): SheetSpec {
  const blocks: Block[] = [];
  let leftOut = false;
  for (const block of spec.blocks) {
    if (block.kind === "table" && ROW_LEVEL_TABLES.includes(block.name)) {
      leftOut = true;
      // The note before a row-level table explains its rows ("A rejected row is …"), which are gone.
      if (blocks[blocks.length - 1]?.kind === "note") blocks.pop();
      blocks.push(note(ROW_LEVEL_LEFT_OUT));
    } else {
      blocks.push(block);
    }
  }
  return leftOut ? { ...spec, blocks } : spec;
}

/** The sheets of a committee pack, from the report sheets a refresh built (RefreshSummary.specs). */
export function committeePackSheets(specs: readonly SheetSpec[]): SheetSpec[] {
  return specs.map(packSheet);
}
