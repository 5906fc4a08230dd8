/** Reading option values: a bad one is a usage error (exit 2) naming the option. */

import { DateError, Day, parseDate } from "../engine/dates";
import { CliError, EXIT_USAGE } from "./io";
import { formatCount } from "./textTable";

/** A date option: yyyy-mm-dd or dd/mm/yyyy (or an Excel serial number). */
export function dateArgument(option: string, text: string): Day {
  let day: Day | null;
  try {
    day = parseDate(text);
  } catch (error) {
    if (error instanceof DateError) throw new CliError(`${option}: ${error.message}`, EXIT_USAGE);
    throw error;
  }
  if (day === null) throw new CliError(`${option}: a date is needed, e.g. 2024-03-31`, EXIT_USAGE);
  return day;
}

export function wholeNumberArgument(option: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^[+-]?\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new CliError(`${option}: "${text}" is not a whole number from ${formatCount(min)} to ${formatCount(max)}`, EXIT_USAGE);
  }
  return value;
}
