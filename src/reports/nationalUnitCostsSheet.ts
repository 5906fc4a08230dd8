/**
 * The national unit-cost card (src/engine/nationalUnitCosts.ts) as a Unit costs input sheet the
 * task pane writes on request: an Excel table in the Unit costs columns, with each row's source,
 * so a council can see the national figures, replace them with its own, and have Refresh report
 * read the table back as its Unit costs.
 */

import { NATIONAL_UNIT_COSTS, NATIONAL_UNIT_COST_HEADERS, nationalUnitCostRows } from "../engine/nationalUnitCosts";
import type { ColumnSpec, SheetSpec } from "../workbook/spec";
import { note } from "./common";

export const NATIONAL_UNIT_COSTS_SHEET = "National unit costs";
export const NATIONAL_UNIT_COSTS_TABLE = "NationalUnitCosts";

export function nationalUnitCostsSheet(sheetName = NATIONAL_UNIT_COSTS_SHEET): SheetSpec {
  const blank = NATIONAL_UNIT_COSTS.filter((row) => row.baseWeeklyCost === null).map((row) => row.type);
  const columns: ColumnSpec[] = NATIONAL_UNIT_COST_HEADERS.map((header) =>
    header === "WEEKLY_COST" ? { header, kind: "currency", decimals: 2 } : { header, kind: "text", width: header === "SOURCE" || header === "INCLUDES" ? 60 : undefined },
  );
  return {
    name: sheetName,
    title: "National unit costs (each row with its source and price year): edit WEEKLY_COST, then Refresh report",
    blocks: [
      note(
        "National averages, not this council's prices: each row names its source, price base and what it includes (docs/national-unit-costs.md). " +
          "Choose this table as Unit costs in the Data section, change any WEEKLY_COST to your own, and add rows for the types below.",
      ),
      note(`No national figure exists for: ${blank.join(", ")}. Add a row with your own weekly cost to cost them.`, "warning"),
      { kind: "table", name: NATIONAL_UNIT_COSTS_TABLE, columns, rows: nationalUnitCostRows() },
    ],
  };
}
