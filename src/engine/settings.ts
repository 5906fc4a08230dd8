/**
 * Every setting a user can give, defined once: its name, what it means, its kind, default and
 * range, how a value is read from a cell, a pane field, a command-line flag or a function
 * argument, how it is written back, and the one message that says why a value is refused. The
 * LAC Settings sheet, the task pane, the `lac` command line and the LAC.* functions all read
 * settings through these definitions, so one value means the same everywhere (docs/reports.md, "Settings").
 *
 * Percentages follow one rule, chosen so that an Excel percentage cell, what people type and
 * the command line agree, and so that no value is silently read two ways:
 * - text with a % sign is a number of per cent: "3%" is 3%, "0.5%" is half a per cent;
 * - a bare number (a number cell, or text without a % sign) above 1, or below -1, is a number
 *   of per cent: 3 is 3%;
 * - a bare number between -1 and 1 is a fraction, as an Excel cell formatted 3% holds 0.03:
 *   0.03 is 3%, 0.5 is 50%;
 * - a bare 1 (or -1) is refused: it is 1% typed as a number and 100% as a percentage cell holds
 *   it, and neither reading is safe to guess;
 * - each percentage has a range narrow enough that a fraction typed for a number of per cent
 *   (0.5 meant as half a per cent, read as 50%) is refused with a message saying how it was read.
 */

import { DateError, Day, formatIsoDate, parseDate } from "./dates";
import { groupedNumber } from "./numberText";
import type { ForecastMode } from "./forecast/forecast";
import { Cell, cellNumber, cellText } from "./table";

export type SettingKind = "percent" | "number" | "whole number" | "date" | "choice" | "list";

/** A value read: undefined when the input was blank (the default applies), or why it was refused. */
export type SettingRead<T> = { ok: true; value: T | undefined } | { ok: false; message: string };

export interface Setting<T> {
  /** The name the LAC Settings sheet lists it under (its Setting column). */
  label: string;
  /** What it does, for the sheet's Meaning column, docs/reports.md and the pane's hints. */
  description: string;
  kind: SettingKind;
  /** The value a blank stands for; undefined where the default depends on the data (description says how). */
  default: T | undefined;
  /** The default as a user reads it, e.g. "24", "none", "the data's last date". */
  defaultText: string;
  /** Bounds, both included, in the value's own unit (fractions for percentages). */
  min?: number;
  max?: number;
  choices?: readonly string[];
  /** Forms accepted, as docs/reports.md and the sheet's Meaning column show them. */
  accepts: string;
  /** Where else it is given: the `lac` flag and the LAC.* function arguments. */
  flag?: string;
  arguments?: string;
  /** Reads a cell (a number, text or a blank), a pane field or a flag's text. */
  parse(input: Cell | undefined): SettingRead<T>;
  /** The value as the sheet and the pane show it; "" for undefined. parse(format(v)) gives v back. */
  format(value: T | undefined): string;
}

/* Numbers as messages show them --------------------------------------------------------------- */

/** Twelve significant digits: enough for any setting, few enough to hide binary noise (0.07 × 100). */
function tidy(value: number): number {
  return Number(value.toPrecision(12));
}

/** Without Intl: the settings' texts are built as this module loads, and the first Intl format of a process costs tens of milliseconds (numberText.ts). */
function numberText(value: number): string {
  return groupedNumber(tidy(value), 0, 10);
}

/** A fraction as a percentage: 0.03 → "3%". */
export function formatPercent(fraction: number): string {
  return `${tidy(fraction * 100)}%`;
}

/** A number of per cent as a fraction: 7 → 0.07. */
export function fractionOfPoints(points: number): number {
  return tidy(points / 100);
}

/** A fraction as a number of per cent, as the variance thresholds hold them: 0.07 → 7. */
export function percentPoints(fraction: number): number {
  return tidy(fraction * 100);
}

function rangeText(min: number | undefined, max: number | undefined, show: (n: number) => string): string {
  if (min !== undefined && max !== undefined) return `from ${show(min)} to ${show(max)}`;
  if (min !== undefined) return `of ${show(min)} or more`;
  if (max !== undefined) return `of ${show(max)} or less`;
  return "";
}

function inRange(value: number, min: number | undefined, max: number | undefined): boolean {
  return (min === undefined || value >= min) && (max === undefined || value <= max);
}

function isBlankInput(input: Cell | undefined): boolean {
  return input === null || input === undefined || (typeof input === "string" && input.trim() === "");
}

const refuse = (message: string): { ok: false; message: string } => ({ ok: false, message });

/* Kinds ----------------------------------------------------------------------------------------- */

interface Common {
  label: string;
  description: string;
  defaultText?: string;
  flag?: string;
  arguments?: string;
}

/* A setting's default keeps its own type (number, or undefined where the data decides), so that callers need no check. */
type WithDefault<T, D extends T | undefined> = Setting<T> & { default: D };

export function percentSetting<D extends number | undefined>(spec: Common & { default: D; min: number; max: number; example: string }): WithDefault<number, D> {
  const range = rangeText(spec.min, spec.max, formatPercent);
  const [minPoints, maxPoints] = [percentPoints(spec.min), percentPoints(spec.max)];
  return {
    ...spec,
    kind: "percent",
    defaultText: spec.defaultText ?? (spec.default === undefined ? "none" : formatPercent(spec.default)),
    accepts: `a percentage ${range}: ${spec.example}`,
    parse(input) {
      if (isBlankInput(input)) return { ok: true, value: undefined };
      const shown = cellText(input);
      const withSign = typeof input === "string" && input.trim().endsWith("%");
      const typed = cellNumber(withSign ? (input as string).trim().slice(0, -1) : input);
      if (typeof typed !== "number") return refuse(`"${shown}" is not a percentage: write it as ${spec.example}`);
      if (!withSign && Math.abs(typed) === 1) return refuse(`"${shown}" could be ${typed}% or ${typed * 100}%: write it with a % sign`);
      const isFraction = !withSign && Math.abs(typed) < 1;
      const points = isFraction ? percentPoints(typed) : typed;
      if (points >= minPoints && points <= maxPoints) return { ok: true, value: isFraction ? typed : fractionOfPoints(typed) };
      if (withSign) return refuse(`"${shown}" is not ${range}`);
      if (!isFraction) return refuse(`"${shown}" is read as ${points}%, which is not ${range}`);
      const hint = typed >= minPoints && typed <= maxPoints ? `: for ${typed}% write "${typed}%"` : "";
      return refuse(`"${shown}" is read as ${points}% (a number below 1 is a fraction, as a percentage cell holds it), which is not ${range}${hint}`);
    },
    format: (value) => (value === undefined ? "" : formatPercent(value)),
  };
}

function numberSetting<D extends number | undefined>(
  spec: Common & { default: D; min?: number; max?: number; whole?: boolean; unit: string; example: string },
): WithDefault<number, D> {
  const what = spec.whole ? `a whole number of ${spec.unit}` : `a number of ${spec.unit}`;
  const range = rangeText(spec.min, spec.max, numberText);
  const expected = `${what} ${range}`.trim();
  return {
    ...spec,
    kind: spec.whole ? "whole number" : "number",
    defaultText: spec.defaultText ?? (spec.default === undefined ? "none" : numberText(spec.default)),
    accepts: `${expected}, e.g. ${spec.example}`,
    parse(input) {
      if (isBlankInput(input)) return { ok: true, value: undefined };
      const value = cellNumber(input);
      if (typeof value !== "number" || (spec.whole && !Number.isInteger(value)) || !inRange(value, spec.min, spec.max)) {
        return refuse(`"${cellText(input)}" is not ${expected}`);
      }
      return { ok: true, value };
    },
    format: (value) => (value === undefined ? "" : String(value)),
  };
}

function dateSetting(spec: Common & { defaultText: string }): Setting<Day> {
  return {
    ...spec,
    kind: "date",
    default: undefined,
    defaultText: spec.defaultText,
    accepts: "a date, e.g. 2024-03-31 or 31/03/2024",
    parse(input) {
      try {
        const day = parseDate(input ?? null);
        return { ok: true, value: day ?? undefined };
      } catch (error) {
        if (error instanceof DateError) return refuse(error.message);
        throw error;
      }
    },
    format: (value) => (value === undefined || !Number.isInteger(value) ? "" : formatIsoDate(value)),
  };
}

function choiceSetting<T extends string>(spec: Common & { choices: readonly T[]; default: T }): WithDefault<T, T> {
  const listed = spec.choices.join(" or ");
  return {
    ...spec,
    kind: "choice",
    defaultText: spec.default,
    accepts: listed,
    parse(input) {
      if (isBlankInput(input)) return { ok: true, value: undefined };
      const word = cellText(input).toLowerCase();
      const value = spec.choices.find((choice) => choice === word);
      return value === undefined ? refuse(`"${cellText(input)}" is not ${listed}`) : { ok: true, value };
    },
    format: (value) => value ?? "",
  };
}

export const NO_ENGINE_LINES = 'name at least one budget line, separated by ";"';

/** Which budget lines take their forecast outturn from the engine: "auto" = lines named like "Placements". */
export type EngineLines = "auto" | "none" | readonly string[];

function engineLinesSetting(spec: Common): WithDefault<EngineLines, "auto"> {
  return {
    ...spec,
    kind: "list",
    default: "auto",
    defaultText: "auto",
    accepts: 'auto, none, or budget line names separated by ";"',
    parse(input) {
      if (isBlankInput(input)) return { ok: true, value: undefined };
      const text = cellText(input);
      const word = text.toLowerCase();
      if (word === "auto" || word === "none") return { ok: true, value: word };
      const names = text.split(";").map((name) => name.trim()).filter((name) => name !== "");
      return names.length === 0 ? refuse(NO_ENGINE_LINES) : { ok: true, value: names };
    },
    format: (value) => (value === undefined ? "" : typeof value === "string" ? value : value.join("; ")),
  };
}

/* The settings ---------------------------------------------------------------------------------- */

/** The variance's thresholds when none are set, as fractions of budget (1% and 5%). */
export const RAG_DEFAULTS = { amber: 0.01, red: 0.05 } as const;

export const FORECAST_MODES: readonly ForecastMode[] = ["default", "reference"];

export const SETTINGS = {
  costsFrom: dateSetting({
    label: "Costs period from",
    description: "First day of the LAC Costs period. Set both days of the period or neither.",
    defaultText: "1 April of the financial year holding the data's last date",
    flag: "--from",
    arguments: "LAC.COSTSUMMARY periodStart",
  }),
  costsTo: dateSetting({
    label: "Costs period to",
    description: "Last day of the LAC Costs period, counted in.",
    defaultText: "31 March of that financial year",
    flag: "--to",
    arguments: "LAC.COSTSUMMARY periodEnd",
  }),
  forecastMode: choiceSetting<ForecastMode>({
    label: "Forecast model",
    description: "The forecast model: reference reproduces the open regional demand model.",
    choices: FORECAST_MODES,
    default: "default",
    flag: "--mode",
    arguments: "LAC.PROJECT mode",
  }),
  ratesFrom: dateSetting({
    label: "Forecast rates from",
    description: "First day of the window the forecast's rates are observed over.",
    defaultText: "chosen by backtest error in the default model (docs/method/forecast-window.md), three years before the window's end in the regional model",
    flag: "--reference-start",
    arguments: "LAC.PROJECT, LAC.PROJECTCOST referenceStart",
  }),
  ratesTo: dateSetting({
    label: "Forecast rates to",
    description: "Last day of that window; it must end after it starts.",
    defaultText: "the data's last date",
    flag: "--reference-end",
    arguments: "LAC.PROJECT, LAC.PROJECTCOST referenceEnd",
  }),
  forecastStart: dateSetting({
    label: "Forecast from",
    description: "The day the forecast starts from.",
    defaultText: "the end of the rates window",
    flag: "--start",
    arguments: "LAC.PROJECT, LAC.PROJECTCOST start",
  }),
  forecastMonths: numberSetting({
    label: "Forecast months",
    description: "Months to forecast.",
    default: 24,
    min: 1,
    max: 1200,
    whole: true,
    unit: "months",
    example: "24",
    flag: "--months",
    arguments: "LAC.PROJECT, LAC.PROJECTCOST months",
  }),
  forecastTarget: numberSetting({
    label: "Forecast target",
    description: "A number of children in care to reach: the report gives the month it is reached.",
    default: undefined,
    min: 0,
    max: 1_000_000,
    unit: "children",
    example: "400",
    flag: "--target",
  }),
  // Beyond ±20% a year a value is far likelier a slip (0.5 typed for half a per cent, read as 50%) than a forecast.
  inflation: percentSetting({
    label: "Forecast inflation",
    description: "Yearly rise in the cost of care, applied to forecast costs in steps of a month from the start.",
    default: 0,
    defaultText: "none (0%)",
    min: -0.2,
    max: 0.2,
    example: "3%, 0.03 or 3",
    flag: "--inflation",
    arguments: "LAC.PROJECTCOST inflation",
  }),
  bandLevel: percentSetting({
    label: "Forecast band",
    description: "Coverage of the uncertainty band around the forecast total.",
    default: 0.95,
    min: 0.5,
    max: 0.999,
    example: "95%, 0.95 or 95",
    flag: "--band",
  }),
  // Thresholds above 20% of budget would be a slip of the same kind (0.5 for half a per cent).
  ragAmberPercent: percentSetting({
    label: "RAG amber above",
    description: "Overspend, as a percentage of budget, above which a budget line is Amber.",
    default: RAG_DEFAULTS.amber,
    min: 0,
    max: 0.2,
    example: "2%, 0.02 or 2",
  }),
  ragRedPercent: percentSetting({
    label: "RAG red above",
    description: "Overspend, as a percentage of budget, above which a budget line is Red; at or above Amber's.",
    default: RAG_DEFAULTS.red,
    min: 0,
    max: 0.2,
    example: "5%, 0.05 or 5",
  }),
  ragAmberAmount: numberSetting({
    label: "RAG amber above amount (£)",
    description: "Optional: an overspend above this amount is Amber whatever its percentage.",
    default: undefined,
    min: 0,
    unit: "pounds",
    example: "50,000",
  }),
  ragRedAmount: numberSetting({
    label: "RAG red above amount (£)",
    description: "Optional: an overspend above this amount is Red whatever its percentage.",
    default: undefined,
    min: 0,
    unit: "pounds",
    example: "250,000",
  }),
  engineLines: engineLinesSetting({
    label: "Budget lines forecast by the engine",
    description:
      "Lines whose forecast outturn is actual to date + the engine's projected cost to year end: " +
      '"auto" (lines named like Placements), "none", or the lines\' names.',
  }),
  weeksPerYear: numberSetting({
    label: "Weeks per year",
    description:
      "Weeks in a full year of a weekly cost or saving: 52 as most councils budget, or 52.14 (365 ÷ 7). " +
      "The scenarios' full-year and in-year savings use it.",
    default: 52,
    min: 52,
    max: 52.2,
    unit: "weeks",
    example: "52 or 52.14",
  }),
  highCostCount: numberSetting({
    label: "High-cost placements listed",
    description: "How many of the dearest open placements LAC High-Cost Placements lists, by weekly cost.",
    default: 15,
    min: 1,
    max: 1000,
    whole: true,
    unit: "placements",
    example: "15",
  }),
  childPopulation: numberSetting({
    label: "Child population (0 to 17)",
    description:
      "The council's children aged 0 to 17 (the ONS mid-year estimate), for LAC Benchmark's rate per 10,000 children " +
      "and the children it would look after at its neighbours' rate.",
    default: undefined,
    min: 1,
    max: 15_000_000,
    whole: true,
    unit: "children",
    example: "78,400",
  }),
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = (typeof SETTINGS)[K] extends Setting<infer T> ? T : never;

export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];

/** Raised by readSetting with the setting's own message; each surface says where the value came from. */
export class SettingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SettingError";
  }
}

/** Reads a value, throwing a SettingError with the setting's message when it is refused. */
export function readSetting<T>(setting: Setting<T>, input: Cell | undefined): T | undefined {
  const read = setting.parse(input);
  if (!read.ok) throw new SettingError(read.message);
  return read.value;
}

/** What the setting means, what it accepts and its default, as the sheet's Meaning column says it. */
export function settingMeaning(setting: Setting<unknown>): string {
  const accepts = setting.accepts.charAt(0).toUpperCase() + setting.accepts.slice(1);
  return `${setting.description} ${accepts}. Blank: ${setting.defaultText}.`;
}

/* Rules between settings ------------------------------------------------------------------------- */

export const PERIOD_BOTH_DAYS = "give both days of the costs period, or neither for the financial year of the data";
export const PERIOD_ORDER = "the costs period's last day must not be before its first";
export const WINDOW_ORDER = "the rates window must end after it starts";
export const RAG_ORDER = "Red must start at or above Amber";

/** Why a costs period cannot be used, or null. */
export function costsPeriodProblem(from: Day | undefined, to: Day | undefined): string | null {
  if ((from === undefined) !== (to === undefined)) return PERIOD_BOTH_DAYS;
  if (from !== undefined && to !== undefined && from > to) return PERIOD_ORDER;
  return null;
}

export function ratesWindowProblem(from: Day | undefined, to: Day | undefined): string | null {
  return from !== undefined && to !== undefined && from >= to ? WINDOW_ORDER : null;
}

export function ragOrderProblem(amber: number | undefined, red: number | undefined): string | null {
  return (red ?? RAG_DEFAULTS.red) < (amber ?? RAG_DEFAULTS.amber) ? RAG_ORDER : null;
}

/* The guide's table ------------------------------------------------------------------------------- */

/**
 * docs/reports.md's Settings table, made from these definitions; a test checks the page holds it
 * (its failure shows the table to paste), so the guide cannot drift from the code.
 */
export function settingsMarkdownTable(): string {
  const cell = (text: string) => text.replace(/\|/g, "\\|");
  const rows = SETTING_KEYS.map((key) => {
    const s: Setting<unknown> = SETTINGS[key];
    return `| ${cell(s.label)} | ${cell(s.defaultText)} | ${cell(s.accepts)} | ${s.flag ? `\`${s.flag}\`` : ""} | ${cell(s.arguments ?? "")} |`;
  });
  return ["| Setting | Blank means | Accepts | `lac` flag | Function argument |", "|---|---|---|---|---|", ...rows].join("\n");
}
