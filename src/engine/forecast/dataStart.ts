/**
 * The first day of the data as the open model dates it: returns stacked by the data platform carry
 * a YEAR column, and the model starts its data on 1 April of (earliest YEAR − 1)
 * (docs/forecast-reference.md). Where YEAR names the year a collection starts (the SF sample's
 * YEAR 2017 holds the 2017-18 return, as codes.ts reads it), that is a year before the first
 * return: reference mode keeps the model's rule so that its figures match the model's.
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
