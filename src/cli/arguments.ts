/** Reading option values: a bad one is a usage error (exit 2) naming the option. */

import { DateError, Day, parseDate } from "../engine/dates";
import { Setting, settingMeaning } from "../engine/settings";
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

/**
 * A setting's flag, read by the setting's one definition (src/engine/settings.ts), so that it
 * means what the same value means in LAC Settings, the pane and the functions; undefined when
 * the flag is not given or blank, for the setting's default.
 */
export function settingArgument<T>(setting: Setting<T>, text: string | undefined, flag = setting.flag ?? setting.label): T | undefined {
  if (text === undefined) return undefined;
  const read = setting.parse(text);
  if (!read.ok) throw new CliError(`${flag}: ${read.message}`, EXIT_USAGE);
  return read.value;
}

/** A setting flag's help: what it means, what it accepts and its default, as LAC Settings says it. */
export function settingHelp(setting: Setting<unknown>): string {
  return settingMeaning(setting).replace(/\. Blank: (.*)\.$/, " (default: $1)");
}
