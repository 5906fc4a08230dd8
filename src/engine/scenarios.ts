/**
 * Scenarios and their savings (docs/method/scenarios.md): the Scenarios table (one row per planned change)
 * and the evaluation of each row. The presets behind the task pane's buttons are in
 * scenarioPresets.ts.
 *
 * Three kinds of change:
 * - a placement move (n children from one placement group to another) is valued by savings.ts;
 * - a demand change (fewer entries, more reunification, more permanence) is run through the
 *   forecast as rate adjustments and valued as the cost difference from the baseline forecast;
 * - a workforce change (agency social workers replaced by permanent staff) is FTE × the
 *   difference in annual cost per FTE.
 *
 * Every kind reports the same four figures so that the Scenarios report can total them: a weekly
 * saving, a full-year saving, the in-year saving (from the effective date to the end of its
 * financial year) and the next-year effect (the further saving the following year's budget sees
 * over this year's, savings.ts's convention).
 */

import { CostBasis, PlacementMove, daysToYearEnd, placementMove, weeksPerYearOf } from "./savings";
import {
  DateError,
  Day,
  addMonths,
  excelSerialOfDay,
  financialYearFirstDay,
  financialYearLabel,
  financialYearLastDay,
  parseDate,
} from "./dates";
import { Child, Episode } from "./episodes";
import { ExitRoute } from "./codes";
import { ReadResult, readRows } from "./quality";
import { Cell, ColumnMapping, FieldSpec, Table, cellNumber, cellText, normaliseHeader, resolveColumns } from "./table";
import { ForecastError, ForecastOptions, ForecastResult, RateAdjustment, monthsCounted, runForecast } from "./forecast";
import { messageOf } from "./messages";

export class ScenarioError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ScenarioError";
  }
}

export type ScenarioKind = "Placement move" | "Demand change" | "Workforce";

export const SCENARIO_KINDS: readonly ScenarioKind[] = ["Placement move", "Demand change", "Workforce"];

interface ScenarioBase {
  /** Row number in the Scenarios table; 0 for a scenario built in code (a preset). */
  row: number;
  name: string;
  effectiveDate: Day;
}

export interface PlacementMoveScenario extends ScenarioBase {
  kind: "Placement move";
  from: string;
  to: string;
  children: number;
  currentWeekly: number;
  newWeekly: number;
  basis: CostBasis;
}

/** Changes as fractions: -0.1 is 10% fewer entries, 0.2 is 20% more children returned home. */
export interface DemandChangeScenario extends ScenarioBase {
  kind: "Demand change";
  entriesChange: number;
  reunificationChange: number;
  permanenceChange: number;
}

export interface WorkforceScenario extends ScenarioBase {
  kind: "Workforce";
  fte: number;
  /** Annual cost of one FTE now (e.g. an agency social worker) and after the change. */
  currentCostPerFte: number;
  newCostPerFte: number;
}

export type Scenario = PlacementMoveScenario | DemandChangeScenario | WorkforceScenario;

/** The headers the add-in writes for a Scenarios table, in order; each is also the field's name once normalised. */
export const SCENARIO_HEADERS = [
  "Scenario",
  "Kind",
  "From",
  "To",
  "Children",
  "Current weekly cost",
  "New weekly cost",
  "Cost basis",
  "Effective date",
  "Entries change %",
  "Reunification change %",
  "Permanence change %",
  "FTE",
  "Current cost per FTE",
  "New cost per FTE",
] as const;

export type ScenarioHeader = (typeof SCENARIO_HEADERS)[number];

export const SCENARIO_FIELDS: readonly FieldSpec[] = [
  { name: "Scenario", required: true, synonyms: ["scenario name", "name", "description", "change"] },
  { name: "Kind", required: true, synonyms: ["scenario kind", "type", "scenario type", "kind of change"] },
  { name: "From", required: false, synonyms: ["from group", "from placement", "current placement", "current group"] },
  { name: "To", required: false, synonyms: ["to group", "to placement", "new placement", "new group"] },
  { name: "Children", required: false, synonyms: ["number of children", "no of children", "children moved", "n"] },
  { name: "Current weekly cost", required: false, synonyms: ["current weekly", "current cost", "current weekly rate", "weekly cost now"] },
  { name: "New weekly cost", required: false, synonyms: ["new weekly", "new cost", "new weekly rate"] },
  { name: "Cost basis", required: false, synonyms: ["basis", "weekly cost basis", "costs are"] },
  { name: "Effective date", required: true, synonyms: ["effective from", "date effective", "takes effect", "start date", "date"] },
  { name: "Entries change %", required: false, synonyms: ["entries change", "change in entries", "entries"] },
  { name: "Reunification change %", required: false, synonyms: ["reunification change", "change in reunification", "reunification"] },
  { name: "Permanence change %", required: false, synonyms: ["permanence change", "change in permanence", "permanence"] },
  { name: "FTE", required: false, synonyms: ["posts", "fte moved", "number of fte"] },
  { name: "Current cost per FTE", required: false, synonyms: ["current annual cost per fte", "agency cost per fte", "current cost fte"] },
  { name: "New cost per FTE", required: false, synonyms: ["new annual cost per fte", "permanent cost per fte", "new cost fte"] },
];

const KIND_BY_WORD: ReadonlyMap<string, ScenarioKind> = new Map<string, ScenarioKind>([
  ["placementmove", "Placement move"],
  ["placement", "Placement move"],
  ["move", "Placement move"],
  ["stepdown", "Placement move"],
  ["demandchange", "Demand change"],
  ["demand", "Demand change"],
  ["workforce", "Workforce"],
  ["staffing", "Workforce"],
  ["staff", "Workforce"],
]);

export function scenarioKindOf(text: string): ScenarioKind | null {
  return KIND_BY_WORD.get(normaliseHeader(text)) ?? null;
}

function costBasisOf(text: string): CostBasis | null {
  const key = normaliseHeader(text);
  if (["", "perchild", "each", "child", "perplacement"].includes(key)) return "per child";
  if (["total", "totals", "all", "alltogether", "group"].includes(key)) return "total";
  return null;
}

/**
 * A percentage as people type it: "10%" (text), an Excel percentage cell (0.1), or a plain
 * number of per cent (10). A number between -1 and 1 is read as the fraction an Excel
 * percentage cell holds, so 1 is 100%; write 0.5% as "0.5%".
 */
export function percentFraction(cell: Cell | undefined): number | null | "invalid" {
  if (typeof cell === "string" && cell.trim().endsWith("%")) {
    const points = cellNumber(cell.trim().slice(0, -1));
    return typeof points === "number" ? points / 100 : points;
  }
  const value = cellNumber(cell);
  if (typeof value !== "number") return value;
  return Math.abs(value) <= 1 ? value : value / 100;
}

/**
 * Reads the Scenarios table. A row is rejected, with its reason, when its kind is unknown, its
 * effective date is missing or not a date, or a figure its kind needs is missing or out of range;
 * columns another kind uses are ignored.
 */
export function readScenarios(table: Table, mapping: ColumnMapping = {}): ReadResult<Scenario> {
  const col = resolveColumns(table.headers, SCENARIO_FIELDS, mapping);
  return readRows(table, "Scenarios", (cells, row) => {
    const cell = (field: string): Cell => (col[field] === undefined ? null : cells[col[field]] ?? null);

    /** A figure of zero or more; required figures must be present. */
    const amount = (field: string, what: string): number => {
      const value = cellNumber(cell(field));
      if (value === null) row.reject(field, `${field} (${what}) is blank`);
      else if (value === "invalid" || value < 0) row.reject(field, `${field} "${cellText(cell(field))}" is not ${what} of zero or more`);
      return typeof value === "number" ? value : 0;
    };
    /** A change of at least -100% (nothing can fall below none); blank is no change. */
    const change = (field: string): number => {
      const value = percentFraction(cell(field));
      if (value === "invalid") row.reject(field, `${field} "${cellText(cell(field))}" is not a percentage`);
      else if (value !== null && value < -1) row.reject(field, `${field} ${cellText(cell(field))} would take the rate below zero (the least is -100%)`);
      return typeof value === "number" ? value : 0;
    };

    const kindText = cellText(cell("Kind"));
    const kind = scenarioKindOf(kindText);
    if (kindText === "") row.reject("Kind", `Kind is blank (one of ${SCENARIO_KINDS.join(", ")})`);
    else if (kind === null) row.reject("Kind", `Kind "${kindText}" is not one of ${SCENARIO_KINDS.join(", ")}`);

    let effectiveDate: Day | null = null;
    try {
      effectiveDate = parseDate(cell("Effective date"));
      if (effectiveDate === null) row.reject("Effective date", "Effective date is blank");
    } catch (error) {
      if (!(error instanceof DateError)) throw error;
      row.reject("Effective date", `Effective date: ${error.message}`);
    }

    const name = cellText(cell("Scenario")) || `${kind ?? "Scenario"} (row ${row.number})`;
    let scenario: Scenario | undefined;
    if (kind === "Placement move") {
      const children = amount("Children", "a number of children");
      if (children !== Math.trunc(children)) row.reject("Children", `Children ${children} is not a whole number`);
      const basisText = cellText(cell("Cost basis"));
      const basis = costBasisOf(basisText);
      if (basis === null) row.reject("Cost basis", `Cost basis "${basisText}" is not "per child" or "total"`);
      scenario = {
        kind,
        row: row.number,
        name,
        effectiveDate: effectiveDate ?? 0,
        from: cellText(cell("From")),
        to: cellText(cell("To")),
        children,
        currentWeekly: amount("Current weekly cost", "a weekly cost"),
        newWeekly: amount("New weekly cost", "a weekly cost"),
        basis: basis ?? "per child",
      };
    } else if (kind === "Demand change") {
      const blank = ["Entries change %", "Reunification change %", "Permanence change %"].every((f) => cellText(cell(f)) === "");
      if (blank) row.reject("Entries change %", "a demand change needs an entries, reunification or permanence change");
      scenario = {
        kind,
        row: row.number,
        name,
        effectiveDate: effectiveDate ?? 0,
        entriesChange: change("Entries change %"),
        reunificationChange: change("Reunification change %"),
        permanenceChange: change("Permanence change %"),
      };
    } else if (kind === "Workforce") {
      scenario = {
        kind,
        row: row.number,
        name,
        effectiveDate: effectiveDate ?? 0,
        fte: amount("FTE", "a number of FTE"),
        currentCostPerFte: amount("Current cost per FTE", "an annual cost"),
        newCostPerFte: amount("New cost per FTE", "an annual cost"),
      };
    }
    return scenario;
  });
}

/** The four figures every kind of scenario reports (positive = a saving). */
export interface ScenarioSavings {
  weekly: number;
  fullYear: number;
  /** From the effective date to the end of its financial year. */
  inYear: number;
  /** The further saving the next financial year sees over this one's in-year saving. */
  nextYear: number;
  /** The financial year the change takes effect in, e.g. "2024-25". */
  financialYear: string;
  yearEnd: Day;
  /** Days the change is in effect in that year, the effective date and 31 March both counted. */
  daysInEffect: number;
}

export interface DemandEffect {
  adjustments: RateAdjustment[];
  /** Children in care 12 months after the change took effect, without and with it. */
  baselineChildren: number;
  scenarioChildren: number;
  /** The saving inside the following financial year (next-year effect = this − in-year saving). */
  nextYearSaving: number;
}

export interface WorkforceEffect {
  annualSaving: number;
}

export interface ScenarioEvaluation {
  scenario: Scenario;
  /** Null when the scenario could not be valued; `error` says why. */
  savings: ScenarioSavings | null;
  error: string | null;
  move?: PlacementMove;
  demand?: DemandEffect;
  workforce?: WorkforceEffect;
}

export interface ScenarioContext {
  episodes: readonly Episode[];
  children: readonly Child[];
  /** The forecast's options for demand changes (window, mode, unit costs, inflation…); horizon and target are set here. */
  forecast?: ForecastOptions;
  /** Weeks in a full year of a weekly amount (savings.ts): 52 by default, or 52.14. */
  weeksPerYear?: number;
}

function yearOf(effectiveDate: Day): Pick<ScenarioSavings, "financialYear" | "yearEnd" | "daysInEffect"> {
  const yearEnd = financialYearLastDay(effectiveDate);
  return { financialYear: financialYearLabel(effectiveDate), yearEnd, daysInEffect: daysToYearEnd(effectiveDate, yearEnd) };
}

function evaluateMove(scenario: PlacementMoveScenario, weeksPerYear: number): ScenarioEvaluation {
  const move = placementMove({
    weeksPerYear,
    children: scenario.children,
    currentWeekly: scenario.currentWeekly,
    newWeekly: scenario.newWeekly,
    basis: scenario.basis,
    effectiveDate: scenario.effectiveDate,
  });
  return {
    scenario,
    error: null,
    move,
    savings: {
      weekly: move.weeklySaving,
      fullYear: move.fullYearSaving,
      inYear: move.inYearSaving,
      nextYear: move.nextYearEffect,
      ...yearOf(scenario.effectiveDate),
    },
  };
}

/** Annual saving = FTE × (current − new) cost per FTE; the in-year part is pro rata by days of the financial year. */
function evaluateWorkforce(scenario: WorkforceScenario, weeksPerYear: number): ScenarioEvaluation {
  const annualSaving = scenario.fte * (scenario.currentCostPerFte - scenario.newCostPerFte);
  const year = yearOf(scenario.effectiveDate);
  const daysInFinancialYear = year.yearEnd - financialYearFirstDay(scenario.effectiveDate) + 1;
  const inYear = (annualSaving * year.daysInEffect) / daysInFinancialYear;
  return {
    scenario,
    error: null,
    workforce: { annualSaving },
    savings: { weekly: annualSaving / weeksPerYear, fullYear: annualSaving, inYear, nextYear: annualSaving - inYear, ...year },
  };
}

/** The forecast's rate adjustments for a demand change. */
export function demandAdjustments(scenario: Pick<DemandChangeScenario, "entriesChange" | "reunificationChange" | "permanenceChange">): RateAdjustment[] {
  const adjustments: RateAdjustment[] = [];
  if (scenario.entriesChange !== 0) adjustments.push({ kind: "entry", to: "*", multiply: 1 + scenario.entriesChange });
  const exit = (route: ExitRoute, change: number) => {
    if (change !== 0) adjustments.push({ kind: "transition", from: "*", to: route, multiply: 1 + change });
  };
  exit("Returned home", scenario.reunificationChange);
  exit("Adopted", scenario.permanenceChange);
  exit("Special guardianship / CAO", scenario.permanenceChange);
  return adjustments;
}

/**
 * A forecast's running totals against days since its start, to read off any span by
 * interpolation: the children in care on each reported date, and the cost up to the last day each
 * row's cost counts (ForecastMonth.through).
 */
class ForecastCurve {
  private readonly elapsed: number[] = [];
  private readonly children: number[] = [];
  private readonly costElapsed: number[] = [0];
  private readonly cumulativeCost: number[] = [0];

  constructor(result: ForecastResult) {
    for (const month of result.months) {
      this.elapsed.push(month.date - result.start);
      this.children.push(month.total);
    }
    let cumulative = 0;
    for (const month of monthsCounted(result)) {
      cumulative += month.cost ?? NaN;
      this.costElapsed.push(month.through - result.start);
      this.cumulativeCost.push(cumulative);
    }
  }

  get costed(): boolean {
    return this.cumulativeCost.every((c) => Number.isFinite(c));
  }

  get lastDay(): number {
    return this.elapsed[this.elapsed.length - 1] ?? 0;
  }

  costUpTo(days: number): number {
    return interpolate(this.costElapsed, this.cumulativeCost, days);
  }

  childrenAt(days: number): number {
    return interpolate(this.elapsed, this.children, days);
  }
}

/** The value at `x` on the line through the points (xs ascending), flat beyond its ends. */
function interpolate(xs: readonly number[], values: readonly number[], x: number): number {
  if (x <= xs[0]) return values[0];
  for (let i = 1; i < xs.length; i++) {
    if (x <= xs[i]) return values[i - 1] + ((values[i] - values[i - 1]) * (x - xs[i - 1])) / (xs[i] - xs[i - 1]);
  }
  return values[values.length - 1];
}

/**
 * Days a demand change needs the forecast to cover: from its effective date to the end of the
 * following financial year, the last figure it reports.
 */
function demandSpanDays(effectiveDate: Day): number {
  return financialYearLastDay(addMonths(financialYearLastDay(effectiveDate), 1)) - effectiveDate + 1;
}

/**
 * Values demand changes against one baseline forecast. Forecasts start on the day the data
 * ends, while a change may take effect later (or earlier): the saving after n days in effect is
 * taken as the cost difference the adjusted forecast shows over its first n days, i.e. the
 * change's effect on today's population, placed from its effective date on.
 */
class DemandEvaluator {
  private baseline: ForecastCurve | null = null;
  private readonly options: ForecastOptions;

  constructor(
    private readonly context: ScenarioContext,
    private readonly spanDays: number,
  ) {
    // Reported dates are the 1st of each month, so a month is never less than 28 days.
    const months = Math.ceil(spanDays / 28) + 1;
    this.options = { ...context.forecast, months, target: undefined, exitsByRoute: true, adjustments: undefined };
  }

  private run(adjustments?: readonly RateAdjustment[]): ForecastCurve {
    const curve = new ForecastCurve(runForecast(this.context.episodes, this.context.children, { ...this.options, adjustments, band: false }));
    if (!curve.costed) {
      throw new ForecastError("the forecast has no costs: add a Unit costs table or WEEKLY_COST on the episodes to value a demand change");
    }
    if (curve.lastDay < this.spanDays) {
      throw new ForecastError(`the forecast covers ${curve.lastDay} days, fewer than the ${this.spanDays} the change needs`);
    }
    return curve;
  }

  evaluate(scenario: DemandChangeScenario): ScenarioEvaluation {
    const adjustments = demandAdjustments(scenario);
    const baseline = this.baseline ?? (this.baseline = this.run());
    const adjusted = this.run(adjustments);
    const savingOver = (fromDays: number, toDays: number) =>
      baseline.costUpTo(toDays) - baseline.costUpTo(fromDays) - (adjusted.costUpTo(toDays) - adjusted.costUpTo(fromDays));
    const effective = scenario.effectiveDate;
    const year = yearOf(effective);
    const fullYearDays = addMonths(effective, 12) - effective;
    const nextYearEndDays = demandSpanDays(effective);
    const fullYear = savingOver(0, fullYearDays);
    const inYear = savingOver(0, year.daysInEffect);
    const nextYearSaving = savingOver(year.daysInEffect, nextYearEndDays);
    return {
      scenario,
      error: null,
      demand: {
        adjustments,
        baselineChildren: baseline.childrenAt(fullYearDays),
        scenarioChildren: adjusted.childrenAt(fullYearDays),
        nextYearSaving,
      },
      savings: { weekly: fullYear / weeksPerYearOf({ weeksPerYear: this.context.weeksPerYear }), fullYear, inYear, nextYear: nextYearSaving - inYear, ...year },
    };
  }
}


/**
 * Values each scenario. A scenario that cannot be valued (a forecast that cannot run, no costs)
 * comes back with its error, and the others are still valued. Demand changes share one
 * baseline forecast.
 */
export function evaluateScenarios(scenarios: readonly Scenario[], context: ScenarioContext): ScenarioEvaluation[] {
  const demands = scenarios.filter((s): s is DemandChangeScenario => s.kind === "Demand change");
  const demand = demands.length > 0 ? new DemandEvaluator(context, Math.max(...demands.map((s) => demandSpanDays(s.effectiveDate)))) : null;
  return scenarios.map((scenario): ScenarioEvaluation => {
    try {
      const weeksPerYear = weeksPerYearOf({ weeksPerYear: context.weeksPerYear });
      if (scenario.kind === "Placement move") return evaluateMove(scenario, weeksPerYear);
      if (scenario.kind === "Workforce") return evaluateWorkforce(scenario, weeksPerYear);
      return (demand as DemandEvaluator).evaluate(scenario);
    } catch (error) {
      return { scenario, savings: null, error: messageOf(error) };
    }
  });
}

/**
 * A scenario as a row of the Scenarios table, keyed by SCENARIO_HEADERS: the cells a workbook
 * holds (the effective date as an Excel serial, changes as fractions for a percentage format),
 * blank where the kind does not use a column. Reading it back gives the same scenario.
 */
export function scenarioRow(scenario: Scenario): Record<ScenarioHeader, Cell> {
  const row = Object.fromEntries(SCENARIO_HEADERS.map((h) => [h, null])) as Record<ScenarioHeader, Cell>;
  row.Scenario = scenario.name;
  row.Kind = scenario.kind;
  row["Effective date"] = excelSerialOfDay(scenario.effectiveDate);
  if (scenario.kind === "Placement move") {
    row.From = scenario.from;
    row.To = scenario.to;
    row.Children = scenario.children;
    row["Current weekly cost"] = scenario.currentWeekly;
    row["New weekly cost"] = scenario.newWeekly;
    row["Cost basis"] = scenario.basis;
  } else if (scenario.kind === "Demand change") {
    row["Entries change %"] = scenario.entriesChange;
    row["Reunification change %"] = scenario.reunificationChange;
    row["Permanence change %"] = scenario.permanenceChange;
  } else {
    row.FTE = scenario.fte;
    row["Current cost per FTE"] = scenario.currentCostPerFte;
    row["New cost per FTE"] = scenario.newCostPerFte;
  }
  return row;
}

/** A row keyed by SCENARIO_HEADERS laid out under an existing table's headers (found as readScenarios finds them). */
export function scenarioRowCells(row: Readonly<Record<ScenarioHeader, Cell>>, headers: readonly string[], mapping: ColumnMapping = {}): Cell[] {
  const col = resolveColumns(headers, SCENARIO_FIELDS, mapping);
  const cells: Cell[] = headers.map(() => null);
  for (const header of SCENARIO_HEADERS) {
    if (col[header] !== undefined) cells[col[header]] = row[header];
  }
  return cells;
}
