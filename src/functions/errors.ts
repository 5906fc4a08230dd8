/**
 * How the custom functions report bad input: an Excel error value (#VALUE! or #N/A) carrying a
 * reason the user sees in the cell's error tip. Nothing a function does may throw into Excel,
 * which would show a bare #VALUE! with no reason.
 */

import { DateError } from "../engine/dates";
import { PeriodError } from "../engine/costs";
import { ForecastError } from "../engine/forecast";
import { SavingsError } from "../engine/savings";
import { CommitmentError } from "../engine/commitments";
import { TableError } from "../engine/table";
import { BenchmarkError } from "../engine/benchmarks";

/** #VALUE! for input that is wrong or contradictory; #N/A for input that is missing or names something unknown. */
export type ErrorKind = "invalidValue" | "notAvailable";

export class InputError extends Error {
  constructor(
    message: string,
    readonly kind: ErrorKind = "invalidValue",
  ) {
    super(message);
    this.name = "InputError";
  }
}

export function missingInput(message: string): InputError {
  return new InputError(message, "notAvailable");
}

/** Engine errors whose messages are written for the user (they say what in the input is wrong). */
const USER_FACING_ERRORS = [DateError, PeriodError, SavingsError, CommitmentError, TableError, ForecastError, BenchmarkError];

/** Excel keeps error messages short; longer ones are cut with an ellipsis. */
const MAX_MESSAGE_LENGTH = 250;

function shorten(message: string): string {
  return message.length > MAX_MESSAGE_LENGTH ? `${message.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : message;
}

export function excelError(kind: ErrorKind, message: string): CustomFunctions.Error {
  return new CustomFunctions.Error(CustomFunctions.ErrorCode[kind], shorten(message));
}

/** The error value Excel should show for whatever a calculation threw. */
export function toExcelError(error: unknown): CustomFunctions.Error {
  if (error instanceof CustomFunctions.Error) return error;
  if (error instanceof InputError) return excelError(error.kind, error.message);
  if (USER_FACING_ERRORS.some((type) => error instanceof type)) return excelError("invalidValue", (error as Error).message);
  // Anything else is a fault in the add-in, not in the user's data: say so rather than blame the input.
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return excelError("invalidValue", `unexpected problem in the LAC add-in (${detail})`);
}

/** Runs a function's body; whatever it throws comes back as an Excel error value. */
export function guard<T>(body: () => T): T | CustomFunctions.Error {
  try {
    return body();
  } catch (error) {
    return toExcelError(error);
  }
}
