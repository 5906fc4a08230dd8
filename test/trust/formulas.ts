/**
 * What a spreadsheet opening a CSV file would run as a formula (OWASP's CSV injection list):
 * text starting with =, +, -, @, a tab or a carriage return — unless it is a plain number,
 * which a spreadsheet reads as a number (-12.5), not a formula.
 */
export function wouldRunAsFormula(text: string): boolean {
  return /^[=+\-@\t\r]/.test(text) && !/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text);
}
