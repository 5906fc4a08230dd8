/** `--costs-out`: costs per calendar month and item, whichever mode computed them. */

import type { MonthlyCost } from "../engine/forecast";
import { writeCsv } from "../workbook/csv";

/** `month,item,cost`, one row per month and item in the order given. */
export function monthlyCostsCsv(rows: readonly MonthlyCost[]): string {
  return writeCsv([["month", "item", "cost"], ...rows.map((row) => [row.month, row.item, row.cost])]);
}
