/**
 * The pane's forms for the Costs, Forecast and Budget settings: each form holds what the user
 * typed (dates as text, shown dd/mm/yyyy whatever the browser's locale, and read as the setting
 * reads them: 31/03/2024 or 2024-03-31; numbers and percentages as text); `…FormOf`
 * fills a form from saved settings and `apply…Form` checks one and gives the settings to save,
 * or a message per field saying what to fix. A blank field means the default. Every field is
 * read and shown through the setting's one definition (src/engine/settings.ts), so a value
 * means here what it means in the LAC Settings sheet, on the command line and in the functions.
 */

import { Day, formatUkDate } from "../engine/dates";
import type { ForecastMode } from "../engine/forecast";
import { NO_ENGINE_LINES, PERIOD_BOTH_DAYS, SETTINGS, Setting, costsPeriodProblem, ragOrderProblem, ratesWindowProblem } from "../engine/settings";
import { ReportSettings, SettingValues, settingValuesOf, withSettingValues } from "../reports/settings";

export type FormErrors<F> = Partial<Record<keyof F, string>>;
export type FormResult<F> = { ok: true; settings: ReportSettings } | { ok: false; errors: FormErrors<F> };

/** Collects the fields' values and the messages of those that cannot be read. */
class Checker<F> {
  readonly errors: FormErrors<F> = {};

  read<T>(field: keyof F, setting: Setting<T>, text: string): T | undefined {
    const read = setting.parse(text);
    if (read.ok) return read.value;
    this.errors[field] = read.message;
    return undefined;
  }

  fail(field: keyof F, message: string | null): void {
    if (message !== null) this.errors[field] ??= message;
  }

  result(settings: ReportSettings, values: SettingValues): FormResult<F> {
    return Object.keys(this.errors).length > 0 ? { ok: false, errors: this.errors } : { ok: true, settings: withSettingValues(settings, values) };
  }
}

/** The date boxes' placeholder: the order they are read in. */
export const UK_DATE_HINT = "dd/mm/yyyy";

/** A saved date as the pane's date boxes show it: UK order, never the browser's; blank for the default. */
function dateText(value: Day | undefined): string {
  return value === undefined ? "" : formatUkDate(value);
}

/* Costs ------------------------------------------------------------------------------------ */

export interface CostsForm {
  from: string;
  to: string;
}

export function costsFormOf(settings: ReportSettings): CostsForm {
  const v = settingValuesOf(settings);
  return { from: dateText(v.costsFrom), to: dateText(v.costsTo) };
}

export function applyCostsForm(settings: ReportSettings, form: CostsForm): FormResult<CostsForm> {
  const check = new Checker<CostsForm>();
  const costsFrom = check.read("from", SETTINGS.costsFrom, form.from);
  const costsTo = check.read("to", SETTINGS.costsTo, form.to);
  if (check.errors.from === undefined && check.errors.to === undefined) {
    const problem = costsPeriodProblem(costsFrom, costsTo);
    check.fail(problem === PERIOD_BOTH_DAYS && costsFrom === undefined ? "from" : "to", problem);
  }
  return check.result(settings, { costsFrom, costsTo });
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
  const v = settingValuesOf(settings);
  return {
    mode: v.forecastMode ?? "default",
    ratesFrom: dateText(v.ratesFrom),
    ratesTo: dateText(v.ratesTo),
    start: dateText(v.forecastStart),
    months: SETTINGS.forecastMonths.format(v.forecastMonths),
    target: SETTINGS.forecastTarget.format(v.forecastTarget),
    inflation: SETTINGS.inflation.format(v.inflation),
    band: SETTINGS.bandLevel.format(v.bandLevel),
  };
}

export function applyForecastForm(settings: ReportSettings, form: ForecastForm): FormResult<ForecastForm> {
  const check = new Checker<ForecastForm>();
  const values: SettingValues = {
    // The default model is saved as a blank, so that it follows the default.
    forecastMode: form.mode === "default" ? undefined : form.mode,
    ratesFrom: check.read("ratesFrom", SETTINGS.ratesFrom, form.ratesFrom),
    ratesTo: check.read("ratesTo", SETTINGS.ratesTo, form.ratesTo),
    forecastStart: check.read("start", SETTINGS.forecastStart, form.start),
    forecastMonths: check.read("months", SETTINGS.forecastMonths, form.months),
    forecastTarget: check.read("target", SETTINGS.forecastTarget, form.target),
    inflation: check.read("inflation", SETTINGS.inflation, form.inflation),
    bandLevel: check.read("band", SETTINGS.bandLevel, form.band),
  };
  check.fail("ratesTo", ratesWindowProblem(values.ratesFrom, values.ratesTo));
  return check.result(settings, values);
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
  const v = settingValuesOf(settings);
  const lines = v.engineLines;
  return {
    amberPercent: SETTINGS.ragAmberPercent.format(v.ragAmberPercent),
    redPercent: SETTINGS.ragRedPercent.format(v.ragRedPercent),
    amberAmount: SETTINGS.ragAmberAmount.format(v.ragAmberAmount),
    redAmount: SETTINGS.ragRedAmount.format(v.ragRedAmount),
    engineLines: lines === undefined || lines === "auto" ? "auto" : lines === "none" ? "none" : "named",
    lineNames: typeof lines === "object" ? SETTINGS.engineLines.format(lines) : "",
  };
}

export function applyBudgetForm(settings: ReportSettings, form: BudgetForm): FormResult<BudgetForm> {
  const check = new Checker<BudgetForm>();
  const values: SettingValues = {
    ragAmberPercent: check.read("amberPercent", SETTINGS.ragAmberPercent, form.amberPercent),
    ragRedPercent: check.read("redPercent", SETTINGS.ragRedPercent, form.redPercent),
    ragAmberAmount: check.read("amberAmount", SETTINGS.ragAmberAmount, form.amberAmount),
    ragRedAmount: check.read("redAmount", SETTINGS.ragRedAmount, form.redAmount),
    engineLines: undefined,
  };
  // "auto" is the default, saved as a blank.
  if (form.engineLines === "none") values.engineLines = "none";
  if (form.engineLines === "named") {
    values.engineLines = check.read("lineNames", SETTINGS.engineLines, form.lineNames);
    if (values.engineLines === undefined) check.fail("lineNames", NO_ENGINE_LINES);
  }
  if (check.errors.amberPercent === undefined && check.errors.redPercent === undefined) {
    check.fail("redPercent", ragOrderProblem(values.ragAmberPercent, values.ragRedPercent));
  }
  return check.result(settings, values);
}
