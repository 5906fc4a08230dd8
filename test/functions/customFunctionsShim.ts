/**
 * The CustomFunctions global as Excel's runtime defines it (office.js, custom-functions-runtime:
 * ErrorCode's string values; Error extends the JavaScript Error, defaults its code to #VALUE!,
 * and keeps its prototype so `instanceof` works), installed for tests that run the functions
 * outside Excel. Importing this module installs it.
 */

export const ErrorCode = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

type Code = (typeof ErrorCode)[keyof typeof ErrorCode];

export class CustomFunctionError extends Error {
  static readonly valueType = "Error";
  readonly type = CustomFunctionError.valueType;
  readonly code: Code;

  constructor(code?: Code, message?: string) {
    super(message ?? "");
    Object.setPrototypeOf(this, CustomFunctionError.prototype);
    this.code = code || ErrorCode.invalidValue;
  }
}

Object.assign(globalThis, { CustomFunctions: { Error: CustomFunctionError, ErrorCode } });

export function isExcelError(value: unknown): value is CustomFunctionError {
  return value instanceof CustomFunctionError;
}

/** The error a call gave: the value itself, or the single cell of a spilled result. */
export function errorOf(result: unknown): CustomFunctionError {
  const value = Array.isArray(result) && result.length === 1 && Array.isArray(result[0]) && result[0].length === 1 ? result[0][0] : result;
  if (!isExcelError(value)) throw new Error(`expected an Excel error, got ${JSON.stringify(result)}`);
  return value;
}
