/**
 * Numbers as the command line, the engine's messages, the reports and the task pane print them,
 * "1,234,567.5", written without Intl. The first Intl number format of a process costs 15 to
 * 30 ms (loading ICU's locale data), which would be a large share of a `lac` command's start-up
 * (docs/benchmarks.md); the figures are the same as Intl.NumberFormat("en-GB", {
 * minimumFractionDigits, maximumFractionDigits }) gives (a test compares the two), so nothing
 * printed changes.
 */

/**
 * `value` with its thousands grouped by commas and between `minFraction` and `maxFraction`
 * decimals. As Intl does, it rounds the shortest decimal that reads back as `value` (what
 * String(value) shows), half away from zero: 1.005 to two places is 1.01, although the double
 * nearest 1.005 is a little below it. Without places, as a number's toLocaleString("en-GB") prints it
 * (up to three decimals): a count of rows, cells or children.
 */
export function groupedNumber(value: number, minFraction = 0, maxFraction = Math.max(minFraction, 3)): string {
  if (Number.isNaN(value)) return "NaN";
  const sign = value < 0 || Object.is(value, -0) ? "-" : "";
  if (!Number.isFinite(value)) return `${sign}∞`;
  const [whole, fraction] = roundedDigits(plainDigits(Math.abs(value)), maxFraction);
  const shownFraction = fraction.replace(/0+$/, "").padEnd(minFraction, "0");
  return `${sign}${groupThousands(whole)}${shownFraction === "" ? "" : `.${shownFraction}`}`;
}

/** The shortest decimal of a non-negative finite number, as whole and fraction digits, never in exponent form (1e21, 5e-7). */
function plainDigits(value: number): [string, string] {
  const [mantissa, exponentText] = String(value).split("e");
  const [whole, fraction = ""] = mantissa.split(".");
  const exponent = exponentText === undefined ? 0 : Number(exponentText);
  if (exponent === 0) return [whole, fraction];
  const digits = whole + fraction;
  const point = whole.length + exponent;
  if (point <= 0) return ["0", "0".repeat(-point) + digits];
  if (point >= digits.length) return [digits + "0".repeat(point - digits.length), ""];
  return [digits.slice(0, point), digits.slice(point)];
}

/** Rounds decimal digits to `places` decimals, half up (the digits are of a number's size, without its sign). */
function roundedDigits([whole, fraction]: [string, string], places: number): [string, string] {
  if (fraction.length <= places) return [whole, fraction];
  const kept = whole + fraction.slice(0, places);
  if (fraction.charCodeAt(places) < 53 /* "5" */) return [whole, fraction.slice(0, places)];
  // Add one to the last digit kept, carrying through nines.
  const digits = kept.split("");
  let at = digits.length - 1;
  while (at >= 0 && digits[at] === "9") digits[at--] = "0";
  if (at < 0) digits.unshift("1");
  else digits[at] = String(Number(digits[at]) + 1);
  const split = digits.length - places;
  return [digits.slice(0, split).join(""), digits.slice(split).join("")];
}

function groupThousands(whole: string): string {
  const first = whole.length % 3 || 3;
  let text = whole.slice(0, first);
  for (let at = first; at < whole.length; at += 3) text += `,${whole.slice(at, at + 3)}`;
  return text;
}
