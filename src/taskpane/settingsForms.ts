/**
 * The pane's forms for the Costs, Forecast and Budget settings: each form holds what the user
 * typed (dates as the yyyy-mm-dd of a date box, numbers and percentages as text); `…FormOf`
 * fills a form from saved settings and `apply…Form` checks one and gives the settings to save,
 * or a message per field saying what to fix. A blank field means the default.
 */

import { DateError, Day, formatIsoDate, parseDate } from "../engine/dates";
import type { ForecastMode } from "../engine/forecast";
import { percentFraction } from "../engine/scenarios";
import { cellNumber } from "../engine/table";
import { DEFAULT_RAG_THRESHOLDS, RagThresholds } from "../engine/variance";
import type { EngineLines, ForecastSettings, ReportSettings } from "../reports/settings";

export type FormErrors<F> = Partial<Record<keyof F, string>>;
export type FormResult<F> = { ok: true; settings: ReportSettings } | { ok: false; errors: FormErrors<F> };

function dateField(day: Day | undefined): string {
  return day === undefined || !Number.isFinite(day) ? "" : formatIsoDate(day);
}

function percentField(fraction: number | undefined): string {
  return fraction === undefined ? "" : String(Number((fraction * 100).toFixed(6)));
}

function numberField(value: number | undefined): string {
  return value === undefined ? "" : String(value);
}

/** Collects the fields' values and the messages of those that cannot be read. */
class Checker<F> {
  readonly errors: FormErrors<F> = {};

  date(field: keyof F, text: string): Day | undefined {
    if (text.trim() === "") return undefined;
    try {
      return parseDate(text) ?? undefined;
    } catch (error) {
      if (!(error instanceof DateError)) throw error;
      this.errors[field] = error.message;
      return undefined;
    }
  }

  number(field: keyof F, text: string, valid: (n: number) => boolean, expected: string): number | undefined {
    if (text.trim() === "") return undefined;
    const value = cellNumber(text);
    if (typeof value !== "number" || !valid(value)) {
      this.errors[field] = `Enter ${expected}, or leave it blank`;
      return undefined;
    }
    return value;
  }

  /** "5", "5%" or "0.05%": a percentage typed as a number of per cent, as a fraction. */
  percent(field: keyof F, text: string, valid: (fraction: number) => boolean, expected: string): number | undefined {
    if (text.trim() === "") return undefined;
    const withSign = text.includes("%") ? text : `${text.trim()}%`;
    const value = percentFraction(withSign);
    if (typeof value !== "number" || !valid(value)) {
      this.errors[field] = `Enter ${expected}, or leave it blank`;
      return undefined;
    }
    return value;
  }

  fail(field: keyof F, message: string): void {
    this.errors[field] ??= message;
  }

  result(settings: ReportSettings): FormResult<F> {
    return Object.keys(this.errors).length > 0 ? { ok: false, errors: this.errors } : { ok: true, settings };
  }
}

/* Costs ------------------------------------------------------------------------------------ */

export interface CostsForm {
  from: string;
  to: string;
}

export function costsFormOf(settings: ReportSettings): CostsForm {
  return { from: dateField(settings.period?.start), to: dateField(settings.period?.end) };
}

export function applyCostsForm(settings: ReportSettings, form: CostsForm): FormResult<CostsForm> {
  const check = new Checker<CostsForm>();
  const start = check.date("from", form.from);
  const end = check.date("to", form.to);
  const next: ReportSettings = { ...settings };
  delete next.period;
  if (start !== undefined && end !== undefined) {
    if (start > end) check.fail("to", "The last day must not be before the first");
    next.period = { start, end };
  } else if (start !== undefined || end !== undefined) {
    check.fail(start === undefined ? "from" : "to", "Give both days of the period, or neither for the financial year of the data");
  }
  return check.result(next);
}

/* Forecast --------------------------------------------------------------------------------- */

export interface ForecastForm {
  mode: ForecastMode;
  ratesFrom: string;
  ratesTo: string;
  start: string;
  months: string;
  target: string;
  inflation: string;
  band: string;
}

export function forecastFormOf(settings: ReportSettings): ForecastForm {
  const f = settings.forecast ?? {};
  return {
    mode: f.mode ?? "default",
    ratesFrom: dateField(f.referenceStart),
    ratesTo: dateField(f.referenceEnd),
    start: dateField(f.start),
    months: numberField(f.months),
    target: numberField(f.target),
    inflation: percentField(f.inflation),
    band: percentField(f.bandLevel),
  };
}

export function applyForecastForm(settings: ReportSettings, form: ForecastForm): FormResult<ForecastForm> {
  const check = new Checker<ForecastForm>();
  const forecast: ForecastSettings = {
    referenceStart: check.date("ratesFrom", form.ratesFrom),
    referenceEnd: check.date("ratesTo", form.ratesTo),
    start: check.date("start", form.start),
    months: check.number("months", form.months, (n) => Number.isInteger(n) && n >= 1 && n <= 1200, "a whole number of months from 1 to 1200"),
    target: check.number("target", form.target, (n) => n >= 0, "a number of children"),
    inflation: check.percent("inflation", form.inflation, (n) => n > -0.5 && n < 1, "a percentage between -50 and 100"),
    bandLevel: check.percent("band", form.band, (n) => n > 0 && n < 1, "a percentage between 0 and 100, such as 95"),
  };
  if (form.mode !== "default") forecast.mode = form.mode;
  if (forecast.referenceStart !== undefined && forecast.referenceEnd !== undefined && forecast.referenceStart >= forecast.referenceEnd) {
    check.fail("ratesTo", "The window must end after it starts");
  }
  const kept = Object.fromEntries(Object.entries(forecast).filter(([, v]) => v !== undefined)) as ForecastSettings;
  return check.result({ ...settings, forecast: kept });
}

/* Budget ----------------------------------------------------------------------------------- */

export type EngineLinesChoice = "auto" | "none" | "named";

export interface BudgetForm {
  amberPercent: string;
  redPercent: string;
  amberAmount: string;
  redAmount: string;
  engineLines: EngineLinesChoice;
  /** Budget line names, separated by ";", when engineLines is "named". */
  lineNames: string;
}

export function budgetFormOf(settings: ReportSettings): BudgetForm {
  const rag = settings.rag;
  const lines = settings.engineLines;
  return {
    amberPercent: numberField(rag?.amberPercent),
    redPercent: numberField(rag?.redPercent),
    amberAmount: numberField(rag?.amberAmount),
    redAmount: numberField(rag?.redAmount),
    engineLines: lines === undefined || lines === "auto" ? "auto" : lines === "none" ? "none" : "named",
    lineNames: typeof lines === "object" ? lines.join("; ") : "",
  };
}

export function applyBudgetForm(settings: ReportSettings, form: BudgetForm): FormResult<BudgetForm> {
  const check = new Checker<BudgetForm>();
  const amberPercent = check.number("amberPercent", form.amberPercent, Number.isFinite, "a number");
  const redPercent = check.number("redPercent", form.redPercent, Number.isFinite, "a number");
  const amberAmount = check.number("amberAmount", form.amberAmount, (n) => n >= 0, "an amount in pounds");
  const redAmount = check.number("redAmount", form.redAmount, (n) => n >= 0, "an amount in pounds");
  const next: ReportSettings = { ...settings };
  delete next.rag;
  if ([amberPercent, redPercent, amberAmount, redAmount].some((v) => v !== undefined)) {
    const rag: RagThresholds = {
      amberPercent: amberPercent ?? DEFAULT_RAG_THRESHOLDS.amberPercent,
      redPercent: redPercent ?? DEFAULT_RAG_THRESHOLDS.redPercent,
    };
    if (amberAmount !== undefined) rag.amberAmount = amberAmount;
    if (redAmount !== undefined) rag.redAmount = redAmount;
    if (rag.redPercent < rag.amberPercent) check.fail("redPercent", "Red must start at or above Amber");
    next.rag = rag;
  }
  let engineLines: EngineLines | undefined;
  if (form.engineLines === "named") {
    const names = form.lineNames.split(";").map((n) => n.trim()).filter((n) => n !== "");
    if (names.length === 0) check.fail("lineNames", "Name at least one budget line, separated by ;");
    engineLines = names;
  } else if (form.engineLines === "none") {
    engineLines = "none";
  }
  delete next.engineLines;
  if (engineLines !== undefined) next.engineLines = engineLines;
  return check.result(next);
}
