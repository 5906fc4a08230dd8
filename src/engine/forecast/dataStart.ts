/**
 * The first day of the data as the open model dates it: returns stacked by the data platform carry
 * a YEAR column (the collection year, 2018 for the return of April 2017 – March 2018), and the
 * model starts its data on 1 April of (earliest YEAR − 1) (docs/forecast-reference.md).
 */

import { Day, dayFromYmd } from "../dates";
import { ForecastError } from "./errors";

/**
 * 1 April of (earliest YEAR − 1); null when no YEAR is given (the forecast then takes the first
 * return's start, 1 April of the first recorded DEC's financial year). A YEAR must be a whole year from 1900 to 9999.
 */
export function dataStartFromYears(years: Iterable<number>): Day | null {
  let earliest = Infinity;
  for (const year of years) {
    if (!Number.isInteger(year) || year < 1900 || year > 9999) throw new ForecastError(`a YEAR must be a year such as 2018 (got ${year})`);
    earliest = Math.min(earliest, year);
  }
  return Number.isFinite(earliest) ? dayFromYmd(earliest - 1, 4, 1) : null;
}
