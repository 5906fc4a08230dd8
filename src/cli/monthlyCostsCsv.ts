/** `--costs-out`: costs per calendar month and item, whichever mode computed them. */

import { writeCsv } from "../workbook/csv";

export interface MonthlyItemCostRow {
  /** yyyy-mm */
  month: string;
  item: string;
  cost: number;
}

/** `month,item,cost`, one row per month and item in the order given. */
export function monthlyCostsCsv(rows: readonly MonthlyItemCostRow[]): string {
  return writeCsv([["month", "item", "cost"], ...rows.map((row) => [row.month, row.item, row.cost])]);
}
