/**
 * LAC.PROJECT's and LAC.PROJECTCOST's spilled tables: a header row, one row per reported date of
 * the forecast, and beneath them a note of anything the reader should know (rows not read, what
 * the forecast measured from), so a forecast is never taken at face value without its caveats.
 * Dates are Excel serial numbers, for the user to format as they like.
 */

import { PLACEMENT_CATEGORIES } from "../engine/codes";
import { Day, excelSerialOfDay, formatIsoDate, ymdOfDay } from "../engine/dates";
import { ForecastResult, monthsCounted } from "../engine/forecast";
import { InputError, missingInput } from "./errors";

type GridCell = string | number;

export const PROJECTION_DATE = "Date";
export const CHILDREN_IN_CARE = "Children in care";
export const PROJECTED_COST_HEADERS = ["Month", CHILDREN_IN_CARE, "Cost £"] as const;
export const TOTAL = "Total";

export function projectionHeaders(result: ForecastResult): string[] {
  const level = `${Math.round(result.options.bandLevel * 100)}%`;
  return [PROJECTION_DATE, CHILDREN_IN_CARE, `Lower (${level})`, `Upper (${level})`, ...PLACEMENT_CATEGORIES];
}

/** The start, the 1st of each month after it and the horizon's last day: children in care, the band and the placement mix. */
export function projectionGrid(result: ForecastResult, notes: readonly string[]): GridCell[][] {
  const headers = projectionHeaders(result);
  const rows = result.months.map((month) => [
    excelDate(month.date),
    month.total,
    month.lower,
    month.upper,
    ...PLACEMENT_CATEGORIES.map((category) => month.byCategory[category]),
  ]);
  return [headers, ...rows, ...noteRows(notes, headers.length)];
}

/**
 * One row per calendar month the forecast costs: its reported date (the start, or the month's
 * 1st), the children in care on it, and the cost of care in the month after the start, up to the
 * end (the engine's ForecastMonth.cost); then the total over the horizon. A reported date whose
 * month has no day to cost (the start on a month's last day, the end in a month already given)
 * has no row. So a financial year's rows add up to the year's cost on LAC Forecast.
 */
export function projectedCostGrid(result: ForecastResult, notes: readonly string[]): GridCell[][] {
  const { months } = result;
  if (months.some((month) => month.cost === null)) {
    throw missingInput("no costs: give the episodes a WEEKLY_COST column, or a unitCosts table for their placements");
  }
  const rows = monthsCounted(result).map((month) => [excelDate(month.date), month.total, month.cost as number]);
  const total = rows.reduce((sum, row) => sum + row[2], 0);
  const width = PROJECTED_COST_HEADERS.length;
  return [[...PROJECTED_COST_HEADERS], ...rows, [TOTAL, "", total], ...noteRows(notes, width)];
}

function noteRows(notes: readonly string[], width: number): GridCell[][] {
  return notes.map((text) => [text, ...Array.from({ length: width - 1 }, () => "")]);
}

/** Excel shows dates from 1 January 1900 to 31 December 9999 only. */
function excelDate(day: Day): number {
  const { year } = ymdOfDay(day);
  if (year > 9999) throw new InputError(`the forecast runs to ${formatIsoDate(day)}, past 31 December 9999, the last date Excel shows: start earlier or forecast fewer months`);
  return excelSerialOfDay(day);
}
