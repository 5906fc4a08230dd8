/**
 * The part of Excel's custom functions runtime (the `CustomFunctions` global that office.js
 * defines in the shared runtime) these functions use, as its API reference gives it
 * (CustomFunctionsRuntime 1.2). The full declaration is the @types/custom-functions-runtime
 * package; this file goes if that package is added.
 */
declare namespace CustomFunctions {
  enum ErrorCode {
    invalidValue = "#VALUE!",
    notAvailable = "#N/A",
    divisionByZero = "#DIV/0!",
    invalidNumber = "#NUM!",
    nullReference = "#NULL!",
    invalidName = "#NAME?",
    invalidReference = "#REF!",
  }

  /** An error value for a cell; Excel shows the message of #VALUE! and #N/A in the cell's error tip. */
  class Error {
    constructor(code: ErrorCode, message?: string);
    code: ErrorCode;
    message?: string;
  }
}
