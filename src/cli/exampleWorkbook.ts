/**
 * The example budget-monitoring workbook: the kind of workbook a children's services finance
 * team keeps, built from the project's synthetic sample. Its sheets are the user's data (Budget,
 * Episodes, Children, UASC, Unit costs, Scenarios), laid out as Excel tables that a refresh
 * finds by name, with LAC.* formulas where an accountant would type them.
 *
 * Every formula is written with the value the engine computes for it, so the file reads right
 * in any program that does not know the LAC functions (LibreOffice, a viewer, ExcelJS) and in
 * Excel before the add-in has loaded.
 */

import ExcelJS from "exceljs";
import JSZip from "jszip";
import {
  Day,
  ageInYears,
  excelSerialOfDay,
  financialYearFirstDay,
  financialYearLabel,
  financialYearLastDay,
  formatIsoDate,
  formatUkDate,
  parseDate,
  addMonths,
  ymdOfDay,
} from "../engine/dates";
import { englandRateAt } from "../engine/benchmarks";
import { CostOptions, Period, costInPeriod, periodDays, weeksInPeriod } from "../engine/costs";
import { Child, Episode, dataLastDate, readEpisodes } from "../engine/episodes";
import { placementFigures } from "../engine/figures";
import type { EpisodeLedger } from "../engine/ledger";
import { costSourcesOf, runPipeline, sourcesOf } from "../engine/pipeline";
import { placementGroupOf } from "../engine/placementGroups";
import { generateSample } from "../engine/sample";
import { fullYearSaving, inYearSaving } from "../engine/savings";
import { SCENARIO_HEADERS, Scenario, scenarioRow } from "../engine/scenarios";
import { PRESET_NAMES, presetScenario } from "../engine/scenarioPresets";
import { Cell, Table } from "../engine/table";
import { UnitCostTable } from "../engine/unitCosts";
import { groupedNumber } from "../engine/numberText";
import { totalsFormula } from "../workbook/layout";

export interface ExampleOptions {
  children: number;
  seed: number;
  /** Last day of the sample data: the example is a budget monitoring report as at about this day. */
  end: Day;
}

/** Defined names of the Budget sheet's key dates, used by the formulas on the other sheets. */
export const EXAMPLE_NAMES = { yearStart: "YearStart", yearEnd: "YearEnd", asAt: "AsAt" } as const;

/** The Excel tables the example holds: the names a refresh looks for. */
export const EXAMPLE_TABLES = {
  budget: "Budget",
  episodes: "Episodes",
  children: "Children",
  uasc: "UASC",
  unitCosts: "UnitCosts",
  scenarios: "Scenarios",
  review: "PlacementReview",
  benchmarks: "Benchmarks",
} as const;

/** The data sheets, in workbook order after the Read me sheet. */
export const EXAMPLE_SHEETS = ["Read me", "Budget", "Episodes", "Children", "UASC", "Unit costs", "Scenarios", "Placement review", "Benchmarks"] as const;

const FORMAT = {
  date: "dd/mm/yyyy",
  pounds: '"£"#,##0',
  pence: '"£"#,##0.00',
  weeks: "#,##0.0",
  percent: "0.0%",
  integer: "#,##0",
} as const;

const TABLE_STYLE = "TableStyleMedium2";
/* Every font names Calibri, the workbook's default: a font without a name is drawn in a serif face by LibreOffice. */
const BODY_FONT: Partial<ExcelJS.Font> = { name: "Calibri", family: 2, size: 11 };
const TITLE_FONT: Partial<ExcelJS.Font> = { ...BODY_FONT, bold: true, size: 14 };
const BOLD_FONT: Partial<ExcelJS.Font> = { ...BODY_FONT, bold: true };
const NOTE_FONT: Partial<ExcelJS.Font> = { ...BODY_FONT, italic: true, color: { argb: "FF595959" } };
/**
 * The header row drawn as TableStyleMedium2 draws it, in the cells themselves: programs other
 * than Excel (LibreOffice, viewers) do not draw table styles.
 */
const HEADER_STYLE: Partial<ExcelJS.Style> = {
  font: { ...BODY_FONT, bold: true, color: { argb: "FFFFFFFF" } },
  fill: { type: "pattern", pattern: "solid", fgColor: { argb: "FF4472C4" } },
};
/** Printed landscape, one page wide, as a budget report is. */
const PAGE_SETUP: Partial<ExcelJS.PageSetup> = { orientation: "landscape", paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 };

/** A value for a cell: a plain value, or a formula with the value the engine computes for it. */
type ExampleValue = Cell | { formula: string; result: Cell };

interface ExampleColumn {
  header: string;
  format?: string;
  /** Width in characters; from the header and the values when not given. */
  width?: number;
  /** Totals row: a SUBTOTAL of the column, or a label. */
  total?: "sum" | string;
}

interface ExampleTable {
  name: string;
  columns: ExampleColumn[];
  rows: ExampleValue[][];
}

/**
 * A LAC custom function as the .xlsx file stores it. Excel saves a call to an add-in's function
 * as `_xldudf_<NAMESPACE>_<NAME>(…)` (the namespace's dot becomes an underscore) and shows it as
 * `=LAC.<NAME>(…)` once the add-in that declares the LAC namespace has loaded.
 */
function lac(name: string, ...args: string[]): string {
  return `_xldudf_LAC_${name}(${args.join(",")})`;
}

/**
 * A structured reference to a column in the same row, in the file's form: Excel shows
 * `Episodes[[#This Row],[DECOM]]` as `[@DECOM]`. Brackets, # and ' in a header are escaped with '.
 */
function thisRow(table: string, header: string): string {
  return `${table}[[#This Row],[${header.replace(/['#[\]]/g, "'$&")}]]`;
}

function serial(day: Day | null): number | null {
  return day === null ? null : excelSerialOfDay(day);
}

interface ExampleData {
  /** The sample's episodes as read, one per row of the Episodes sheet. */
  episodes: Episode[];
  /** The episodes and children as the pipeline combines them, which the figures come from. */
  ledger: EpisodeLedger;
  children: readonly Child[];
  tables: { episodes: Table; children: Table; uasc: Table; unitCosts: Table; review: Table };
  unitCosts: UnitCostTable;
  /** How the pipeline costs the episodes (docs/figures.md), for the figures written on the Budget sheet. */
  costSources: CostOptions;
  asAt: Day;
  year: Period;
}

function exampleData(options: ExampleOptions): ExampleData {
  const generated = generateSample({ children: options.children, seed: options.seed, end: options.end });
  const withCommitments = commitmentColumns(generated.episodes);
  const sample = { ...generated, episodes: withCommitments.episodes, review: withCommitments.review };
  const episodes = readEpisodes(sample.episodes).records;
  const inputs = runPipeline(
    sourcesOf({ Episodes: sample.episodes, Children: sample.children, UASC: sample.uasc, "Unit costs": sample.unitCosts, "Placement review": sample.review }),
  );
  const unitCosts = inputs.unitCosts ?? new UnitCostTable([]);
  const asAt = inputs.lastDate ?? options.end;
  return {
    episodes,
    ledger: inputs.ledger,
    children: inputs.ledger.children,
    tables: sample,
    unitCosts,
    costSources: costSourcesOf(inputs),
    asAt,
    year: { start: financialYearFirstDay(asAt), end: financialYearLastDay(asAt) },
  };
}

/** The Placement review table's columns, as a council's tracker heads them. */
const REVIEW_HEADERS = ["Child", "Planned change", "Children", "Current weekly cost", "New weekly cost", "Target date", "Status", "Stated saving"] as const;

/**
 * What a finance team adds to the episodes for its commitments and high-cost review: a planned end
 * for some open placements (one already passed, to show it is reported), health and education
 * contributions for the dearest, and a review tracker of planned moves for them, with one row for
 * a group of children that states its saving, as councils' reports do.
 */
function commitmentColumns(source: Table): { episodes: Table; review: Table } {
  const read = readEpisodes(source).records;
  const asAt = dataLastDate(read) ?? 0;
  const open = read.map((episode, index) => ({ episode, index })).filter(({ episode }) => episode.start <= asAt && episode.end === null);
  const plannedEnd = new Map<number, Day>();
  open.forEach(({ episode, index }, n) => {
    if (n % 4 !== 0) return;
    const end = n === 0 ? asAt - 14 : addMonths(asAt, 1 + ((n / 4) % 5));
    if (end > episode.start) plannedEnd.set(index, end);
  });
  const dearest = [...open].filter(({ episode }) => episode.weeklyCost !== null).sort((a, b) => (b.episode.weeklyCost ?? 0) - (a.episode.weeklyCost ?? 0) || a.index - b.index).slice(0, 6);
  const health = new Map<number, Cell>(dearest.filter((_, n) => n % 2 === 0).map(({ index }, n) => [index, n % 2 === 0 ? "25%" : 450]));
  const education = new Map<number, Cell>(dearest.filter((_, n) => n < 3).map(({ index }) => [index, 300]));
  const episodes: Table = {
    ...source,
    headers: [...source.headers, "PLANNED_END", "HEALTH_CONTRIBUTION", "EDUCATION_CONTRIBUTION"],
    rows: source.rows.map((row, index) => [...row, plannedEnd.has(index) ? formatIsoDate(plannedEnd.get(index) as Day) : null, health.get(index) ?? null, education.get(index) ?? null]),
  };
  const moves = dearest.slice(0, 3).map(({ episode }, n): Cell[] => [
    episode.child,
    n === 2 ? "Supported accommodation" : "Foster care (in-house)",
    1,
    null,
    n === 2 ? 1_400 : 950,
    formatIsoDate(addMonths(asAt, 2 + n)),
    n === 0 ? "In progress" : "Planned",
    null,
  ]);
  const review: Table = {
    headers: [...REVIEW_HEADERS],
    rows: [...moves, ["2 children: residential to home", "Placed with parents", 2, null, null, formatIsoDate(addMonths(asAt, 3)), "Planned", 60_000]],
    firstRowNumber: 2,
  };
  return { episodes, review };
}

/** The review tracker as the council keeps it: the refresh values each row on LAC High-Cost Placements. */
function reviewTable(data: ExampleData): ExampleTable {
  const source = data.tables.review;
  const formats: Record<string, string> = {
    "Current weekly cost": FORMAT.pence,
    "New weekly cost": FORMAT.pence,
    "Target date": FORMAT.date,
    "Stated saving": FORMAT.pounds,
  };
  return {
    name: EXAMPLE_TABLES.review,
    columns: source.headers.map((header): ExampleColumn => ({ header, format: formats[header] })),
    rows: source.rows.map((row) => source.headers.map((header, j) => (header === "Target date" ? isoToSerial(row[j]) : row[j]))),
  };
}

/* ------------------------------------------------------------------------------------------ */
/* The sheets' contents                                                                         */
/* ------------------------------------------------------------------------------------------ */

const EPISODE_DATE_COLUMNS = new Set(["DECOM", "DEC", "PLANNED_END"]);

function dateOf(episode: Episode, header: string): Day | null {
  if (header === "DECOM") return episode.start;
  if (header === "PLANNED_END") return episode.plannedEnd ?? null;
  return episode.end;
}

function episodesTable(data: ExampleData): ExampleTable {
  const t = EXAMPLE_TABLES.episodes;
  const source = data.tables.episodes;
  const headers = source.headers;
  const columns: ExampleColumn[] = [
    ...headers.map((header): ExampleColumn => {
      if (EPISODE_DATE_COLUMNS.has(header)) return { header, format: FORMAT.date, width: 11 };
      if (header === "EDUCATION_CONTRIBUTION" || header === "HEALTH_CONTRIBUTION") return { header, format: FORMAT.pounds, width: 13 };
      if (header === "WEEKLY_COST") return { header, format: FORMAT.pence, width: 13 };
      return { header };
    }),
    { header: "Start year", width: 11 },
    { header: "Placement group", width: 34 },
    { header: "Weeks this year", format: FORMAT.weeks, width: 15 },
    { header: "Cost this year", format: FORMAT.pounds, width: 15 },
  ];
  const year = [EXAMPLE_NAMES.yearStart, EXAMPLE_NAMES.yearEnd];
  const rows = source.rows.map((row, index): ExampleValue[] => {
    const episode = data.episodes[index];
    const cells: ExampleValue[] = headers.map((header, j) => (EPISODE_DATE_COLUMNS.has(header) ? serial(dateOf(episode, header)) : row[j]));
    const ref = (header: string) => thisRow(t, header);
    const weekly = episode.weeklyCost;
    cells.push(
      { formula: lac("FINYEAR", ref("DECOM")), result: financialYearLabel(episode.start) },
      {
        formula: lac("PLACEMENTGROUP", ref("PLACE"), ref("PLACE_PROVIDER"), ref("LOCATION")),
        result: placementGroupOf(episode.place, episode.provider, episode.location).label,
      },
      { formula: lac("WEEKS", ref("DECOM"), ref("DEC"), ...year), result: weeksInPeriod(episode.start, episode.end, data.year) },
      {
        // An episode without a recorded weekly cost is costed from the Unit costs table in LAC Costs; here it stays blank.
        formula: `IF(ISNUMBER(${ref("WEEKLY_COST")}),${lac("COST", ref("WEEKLY_COST"), ref("DECOM"), ref("DEC"), ...year)},"")`,
        result: weekly === null ? "" : costInPeriod(weekly, episode.start, episode.end, data.year),
      },
    );
    return cells;
  });
  return { name: t, columns, rows };
}

function childrenTable(data: ExampleData): ExampleTable {
  const t = EXAMPLE_TABLES.children;
  const source = data.tables.children;
  const columns: ExampleColumn[] = [
    ...source.headers.map((header): ExampleColumn => (header === "DOB" || header === "MC_DOB" ? { header, format: FORMAT.date, width: 11 } : { header })),
    { header: "Age at year end", format: FORMAT.integer, width: 15 },
  ];
  const rows = source.rows.map((row, index): ExampleValue[] => {
    const child = data.children[index];
    const cells: ExampleValue[] = source.headers.map((header, j) => (header === "DOB" ? serial(child.dob) : row[j]));
    cells.push({ formula: lac("AGE", thisRow(t, "DOB"), EXAMPLE_NAMES.yearEnd), result: ageInYears(child.dob, data.year.end) });
    return cells;
  });
  return { name: t, columns, rows };
}

function uascTable(data: ExampleData): ExampleTable {
  const source = data.tables.uasc;
  const dates = new Set(["DOB", "DUC"]);
  return {
    name: EXAMPLE_TABLES.uasc,
    columns: source.headers.map((header) => (dates.has(header) ? { header, format: FORMAT.date, width: 11 } : { header })),
    rows: source.rows.map((row) => source.headers.map((header, j) => (dates.has(header) ? isoToSerial(row[j]) : row[j]))),
  };
}

/** The sample writes dates as ISO text; the workbook holds them as dates. */
function isoToSerial(cell: Cell): number | null {
  return serial(parseDate(cell));
}

function unitCostsTable(data: ExampleData): ExampleTable {
  const source = data.tables.unitCosts;
  return {
    name: EXAMPLE_TABLES.unitCosts,
    columns: source.headers.map((header) => (header === "WEEKLY_COST" ? { header, format: FORMAT.pounds, width: 14 } : { header })),
    rows: source.rows.map((row) => [...row]),
  };
}

const SCENARIO_FORMATS: Partial<Record<string, string>> = {
  "Current weekly cost": FORMAT.pounds,
  "New weekly cost": FORMAT.pounds,
  "Effective date": FORMAT.date,
  "Entries change %": FORMAT.percent,
  "Reunification change %": FORMAT.percent,
  "Permanence change %": FORMAT.percent,
  "Current cost per FTE": FORMAT.pounds,
  "New cost per FTE": FORMAT.pounds,
};

/** The task pane's preset scenarios, with the savings an accountant would work out beside them. */
/**
 * Made-up statistical neighbours and region beside England's published rate (docs/method/neighbours.md):
 * a council fills this from the DfE's tables.
 */
function benchmarksTable(data: ExampleData): ExampleTable {
  const england = englandRateAt(data.asAt);
  const shares = ["In-house foster care", "Agency foster care", "Kinship care", "LA residential", "Private residential", "Supported accommodation", "Other"];
  return {
    name: EXAMPLE_TABLES.benchmarks,
    columns: [{ header: "Area" }, { header: "Type" }, { header: "Year" }, { header: "Rate per 10,000", format: "0" }, ...shares.map((header) => ({ header, format: "0%" }))],
    rows: [
      ["Neighbour A", "Neighbour", england.year, 58, 0.46, 0.16, 0.12, 0.03, 0.08, 0.07, 0.08],
      ["Neighbour B", "Neighbour", england.year, 64, 0.44, 0.18, 0.1, 0.02, 0.1, 0.08, 0.08],
      ["Neighbour C", "Neighbour", england.year, 71, 0.41, 0.19, 0.14, 0.02, 0.11, 0.06, 0.07],
      ["Neighbour D", "Neighbour", england.year, 52, 0.47, 0.15, 0.13, 0.04, 0.07, 0.06, 0.08],
      ["The region", "Region", england.year, 66, null, null, null, null, null, null, null],
      ["England", "England", england.year, england.ratePer10k, null, null, null, null, null, null, null],
    ],
  };
}

function scenariosTable(data: ExampleData): ExampleTable {
  const t = EXAMPLE_TABLES.scenarios;
  const ref = (header: string) => thisRow(t, header);
  const columns: ExampleColumn[] = [
    ...SCENARIO_HEADERS.map((header): ExampleColumn => ({ header, format: SCENARIO_FORMATS[header] })),
    { header: "Full-year saving", format: FORMAT.pounds, width: 16 },
    { header: "In-year saving", format: FORMAT.pounds, width: 16 },
  ];
  const context = { episodes: data.ledger.episodes, children: data.children, unitCosts: data.unitCosts, asAt: data.asAt };
  const rows = PRESET_NAMES.map((name): ExampleValue[] => {
    const scenario = presetScenario(name, context).scenario;
    const row = scenarioRow(scenario);
    return [...SCENARIO_HEADERS.map((header) => row[header]), ...savingsFormulas(scenario, ref)];
  });
  return { name: t, columns, rows };
}

/**
 * Placement moves: children × the LAC saving functions on the per-child weekly costs.
 * Workforce: FTE × the difference in annual cost, a full year's saving. Demand changes, and
 * the in-year share of a workforce change, are valued by the refresh: blank here, in LAC
 * Scenarios there.
 */
function savingsFormulas(scenario: Scenario, ref: (header: string) => string): ExampleValue[] {
  const isMove = `${ref("Kind")}="Placement move"`;
  const workforce = `IF(${ref("Kind")}="Workforce",${ref("FTE")}*(${ref("Current cost per FTE")}-${ref("New cost per FTE")}),"")`;
  const fullYear = lac("FULLYEARSAVING", ref("Current weekly cost"), ref("New weekly cost"));
  const inYear = lac("INYEARSAVING", ref("Current weekly cost"), ref("New weekly cost"), ref("Effective date"));
  let full: Cell = "";
  let partYear: Cell = "";
  if (scenario.kind === "Placement move") {
    full = scenario.children * fullYearSaving(scenario.currentWeekly, scenario.newWeekly);
    partYear = scenario.children * inYearSaving(scenario.currentWeekly, scenario.newWeekly, scenario.effectiveDate);
  } else if (scenario.kind === "Workforce") {
    full = scenario.fte * (scenario.currentCostPerFte - scenario.newCostPerFte);
  }
  return [
    { formula: `IF(${isMove},${ref("Children")}*${fullYear},${workforce})`, result: full },
    { formula: `IF(${isMove},${ref("Children")}*${inYear},"")`, result: partYear },
  ];
}

/**
 * Illustrative budget lines besides placements: the budget, and this month's and last month's
 * forecast outturn as ratios of it; their actual to date is the forecast × the share of the year gone.
 */
const OTHER_BUDGET_LINES: readonly { line: string; budget: number; forecastRatio: number; lastMonthRatio: number }[] = [
  { line: "Agency social workers", budget: 1_250_000, forecastRatio: 1.14, lastMonthRatio: 1.12 },
  { line: "SEN transport", budget: 4_600_000, forecastRatio: 1.012, lastMonthRatio: 1.02 },
  { line: "High-needs block (DSG)", budget: 21_400_000, forecastRatio: 0.988, lastMonthRatio: 0.993 },
];

/** How much of its budget the placements line was set at, against the year's committed placement cost. */
const PLACEMENTS_BUDGET_RATIO = 0.93;
const PLACEMENTS_LINE = "LAC placements";

function roundTo(value: number, step: number): number {
  return Math.round(value / step) * step;
}

interface BudgetSheet {
  table: ExampleTable;
  /** Share of the financial year elapsed at the data's last date. */
  elapsed: number;
}

/**
 * The budget lines. Placements come from the sample: actual to date is the engine's placements
 * spend to date (docs/figures.md); the forecast outturn is left blank, for the engine to supply
 * (LAC Variance shows it), so the pack has one outturn for the line; the budget was set below the
 * year's committed cost, as placement budgets often are.
 */
function budgetSheet(data: ExampleData): BudgetSheet {
  const t = EXAMPLE_TABLES.budget;
  const figures = placementFigures(data.ledger.episodes, data.costSources, data.asAt, null);
  const committed = figures.spendToDate + figures.committedToYearEnd;
  const elapsed = periodDays({ start: data.year.start, end: data.asAt }) / periodDays(data.year);
  const lines = [
    {
      line: PLACEMENTS_LINE,
      budget: roundTo(committed * PLACEMENTS_BUDGET_RATIO, 1000),
      actual: roundTo(figures.spendToDate, 1),
      forecast: null,
      lastMonth: roundTo(committed * 0.985, 1000),
    },
    ...OTHER_BUDGET_LINES.map((l) => {
      const forecast = roundTo(l.budget * l.forecastRatio, 1000);
      return { line: l.line, budget: l.budget, actual: roundTo(forecast * elapsed, 1000), forecast, lastMonth: roundTo(l.budget * l.lastMonthRatio, 1000) };
    }),
  ];
  const ref = (header: string) => thisRow(t, header);
  const columns: ExampleColumn[] = [
    { header: "Budget line", width: 26, total: "Total" },
    { header: "Budget", format: FORMAT.pounds, width: 16, total: "sum" },
    { header: "Actual to date", format: FORMAT.pounds, width: 16, total: "sum" },
    { header: "Forecast outturn", format: FORMAT.pounds, width: 18, total: "sum" },
    { header: "Last month's forecast", format: FORMAT.pounds, width: 22, total: "sum" },
    { header: "Variance", format: FORMAT.pounds, width: 14, total: "sum" },
    { header: "Variance %", format: FORMAT.percent, width: 11 },
  ];
  const rows = lines.map((l): ExampleValue[] => {
    // A blank forecast (the engine's line) has no variance here: LAC Variance gives it.
    const variance = l.forecast === null ? "" : l.forecast - l.budget;
    return [
      l.line,
      l.budget,
      l.actual,
      l.forecast,
      l.lastMonth,
      { formula: `IF(${ref("Forecast outturn")}="","",${ref("Forecast outturn")}-${ref("Budget")})`, result: variance },
      {
        formula: `IF(OR(${ref("Budget")}=0,${ref("Variance")}=""),"",${ref("Variance")}/${ref("Budget")})`,
        result: l.budget === 0 || variance === "" ? "" : variance / l.budget,
      },
    ];
  });
  return { table: { name: t, columns, rows }, elapsed };
}

/* ------------------------------------------------------------------------------------------ */
/* Writing                                                                                      */
/* ------------------------------------------------------------------------------------------ */

function textWidth(value: ExampleValue, format: string | undefined): number {
  const cell = value !== null && typeof value === "object" ? value.result : value;
  if (cell === null || cell === undefined) return 0;
  if (format === FORMAT.date) return 10;
  if (typeof cell === "number") return format === undefined ? String(cell).length : groupedNumber(Math.round(Math.abs(cell))).length + 3;
  return String(cell).length;
}

function columnWidth(column: ExampleColumn, rows: readonly ExampleValue[][], index: number): number {
  if (column.width !== undefined) return column.width;
  let widest = column.header.length + 3;
  for (const row of rows) widest = Math.max(widest, textWidth(row[index], column.format) + 2);
  return Math.min(widest, 40);
}

/** Writes a table with its header at `top` (1-based row) in column A; returns the row after it. */
function writeTable(sheet: ExcelJS.Worksheet, table: ExampleTable, top: number): number {
  const hasTotals = table.columns.some((c) => c.total !== undefined);
  sheet.addTable({
    name: table.name,
    displayName: table.name,
    ref: `A${top}`,
    headerRow: true,
    totalsRow: hasTotals,
    style: { theme: TABLE_STYLE, showRowStripes: true },
    columns: table.columns.map((c) =>
      c.total === "sum" ? { name: c.header, filterButton: true, totalsRowFunction: "sum" as const } : { name: c.header, filterButton: true, totalsRowLabel: c.total ?? "" },
    ),
    rows: table.rows.map((row) => row.map((value) => (value !== null && typeof value === "object" ? { formula: value.formula, result: value.result ?? undefined } : value))),
  });
  const header = sheet.getRow(top);
  table.columns.forEach((c, j) => {
    const cell = header.getCell(j + 1);
    cell.style = c.format && c.format !== FORMAT.date ? { ...HEADER_STYLE, alignment: { horizontal: "right" } } : HEADER_STYLE;
  });
  const styles = table.columns.map((c): Partial<ExcelJS.Style> => (c.format ? { numFmt: c.format } : {}));
  table.rows.forEach((_, i) => {
    const row = sheet.getRow(top + 1 + i);
    table.columns.forEach((c, j) => {
      if (c.format) row.getCell(j + 1).style = styles[j];
    });
  });
  table.columns.forEach((c, j) => (sheet.getColumn(j + 1).width = Math.max(sheet.getColumn(j + 1).width ?? 0, columnWidth(c, table.rows, j))));
  const after = top + 1 + table.rows.length;
  if (!hasTotals) return after;
  // ExcelJS writes its own totals formula without escaping headers ("Last month's forecast"), so write them as the reports do.
  const totals = sheet.getRow(after);
  table.columns.forEach((c, j) => {
    const cell = totals.getCell(j + 1);
    if (c.total === "sum") {
      const sum = table.rows.reduce((acc, row) => {
        const value = row[j];
        const n = value !== null && typeof value === "object" ? value.result : value;
        return acc + (typeof n === "number" ? n : 0);
      }, 0);
      cell.value = { formula: totalsFormula(table.name, c.header).slice(1), result: sum } as ExcelJS.CellFormulaValue;
      cell.style = { ...styles[j], font: BOLD_FONT };
    } else if (c.total !== undefined) {
      cell.value = c.total;
      cell.style = { font: BOLD_FONT };
    }
  });
  return after + 1;
}

function title(sheet: ExcelJS.Worksheet, row: number, text: string): void {
  const cell = sheet.getCell(row, 1);
  cell.value = text;
  cell.font = TITLE_FONT;
}

function noteLine(sheet: ExcelJS.Worksheet, row: number, text: string): void {
  const cell = sheet.getCell(row, 1);
  cell.value = text;
  cell.font = NOTE_FONT;
}

/** A data sheet: a title, a line saying what the table is, the table from row 4, frozen under its header. */
function dataSheet(book: ExcelJS.Workbook, name: string, heading: string, about: string, table: ExampleTable): void {
  const sheet = book.addWorksheet(name, { views: [{ state: "frozen", ySplit: 4 }], pageSetup: PAGE_SETUP });
  title(sheet, 1, heading);
  noteLine(sheet, 2, about);
  writeTable(sheet, table, 4);
}

/** Characters a line of the Read me column holds, for the rows' heights (ExcelJS does not fit them). */
const READ_ME_WIDTH = 100;

function readMeSheet(book: ExcelJS.Workbook, data: ExampleData, options: ExampleOptions): void {
  const sheet = book.addWorksheet("Read me", { pageSetup: { ...PAGE_SETUP, orientation: "portrait" } });
  sheet.getColumn(1).width = READ_ME_WIDTH;
  const fy = financialYearLabel(data.asAt);
  const lines: [string, "title" | "heading" | "text"][] = [
    [`Children's services budget monitoring ${fy}: an example`, "title"],
    [
      `A made-up council's budget-monitoring workbook, as at ${formatUkDate(data.asAt)}: ${groupedNumber(data.children.length)} looked-after children ` +
        `and their ${groupedNumber(data.episodes.length)} placement episodes, all synthetic (no real child, no real council). ` +
        `Made by "lac example --children ${options.children} --seed ${options.seed} --end ${formatIsoDate(options.end)}" from the LAC Cost Engine's sample data.`,
      "text",
    ],
    ["Your data (the add-in reads these sheets and never writes to them)", "heading"],
    ["Budget: one row per budget line (budget, actual to date, forecast outturn, last month's forecast), and the financial year's dates, named YearStart, YearEnd and AsAt.", "text"],
    ["Episodes: the SSDA903 episodes with WEEKLY_COST and LOCATION from the finance system; LAC.FINYEAR, LAC.PLACEMENTGROUP, LAC.WEEKS and LAC.COST in the last columns.", "text"],
    ["Children: the SSDA903 header, with LAC.AGE at the year end. UASC: the unaccompanied asylum-seeking children.", "text"],
    ["Unit costs: the weekly cost by placement type, provider and location, for episodes without a WEEKLY_COST.", "text"],
    ["Scenarios: the task pane's presets (placement moves, demand changes, agency staff), with LAC.FULLYEARSAVING and LAC.INYEARSAVING.", "text"],
    ["Placement review: planned changes to the dearest placements (the high-cost review). Episodes carry PLANNED_END and health and education contributions for some placements.", "text"],
    ["Benchmarks: made-up statistical neighbours' rates per 10,000 and placement mix, and England's published rate, for LAC Benchmark.", "text"],
    ["Reports (the add-in owns these sheets and rebuilds them on every refresh)", "heading"],
    ["LAC Costs, LAC Forecast, LAC Scenarios, LAC Variance, LAC Commitments, LAC High-Cost Placements, LAC Data Quality and LAC Benchmark. In Excel: Home ▸ LAC Cost Engine ▸ Refresh report. Without Excel: lac refresh budget-monitoring.xlsx.", "text"],
    ["The LAC.* formulas need the add-in. Without it, Excel and other programs show the values last calculated, and Excel shows the formulas as _xldudf_LAC_… until the add-in loads.", "text"],
  ];
  lines.forEach(([text, style], i) => {
    const row = sheet.getRow(i + 1);
    const cell = row.getCell(1);
    cell.value = text;
    cell.alignment = { wrapText: true, vertical: "top" };
    cell.font = style === "title" ? TITLE_FONT : style === "heading" ? BOLD_FONT : BODY_FONT;
    const lineCount = Math.ceil(text.length / (READ_ME_WIDTH * 1.1));
    row.height = style === "title" ? 24 : style === "heading" ? 24 : 15 * lineCount + 3;
    if (style === "heading") cell.alignment = { vertical: "bottom" };
  });
}

function budgetWorksheet(book: ExcelJS.Workbook, data: ExampleData): void {
  const { table, elapsed } = budgetSheet(data);
  const sheet = book.addWorksheet("Budget", { pageSetup: PAGE_SETUP });
  const fy = financialYearLabel(data.asAt);
  title(sheet, 1, `Children's services budget monitoring ${fy}`);
  const month = ymdOfDay(data.asAt).month;
  const period = ((month + 8) % 12) + 1;
  noteLine(sheet, 2, `Period ${period} (${Math.round(elapsed * 100)}% of the year). Illustrative figures: no real council.`);
  const keyDates: [string, ExampleValue, string | null][] = [
    ["Financial year", { formula: lac("FINYEAR", EXAMPLE_NAMES.yearStart), result: fy }, null],
    ["Year starts", serial(data.year.start), EXAMPLE_NAMES.yearStart],
    ["Year ends", serial(data.year.end), EXAMPLE_NAMES.yearEnd],
    ["Data as at", serial(data.asAt), EXAMPLE_NAMES.asAt],
  ];
  keyDates.forEach(([label, value, name], i) => {
    const row = 4 + i;
    sheet.getCell(row, 1).value = label;
    const cell = sheet.getCell(row, 2);
    cell.value = value !== null && typeof value === "object" ? { formula: value.formula, result: value.result ?? undefined } : value;
    if (name !== null) {
      cell.numFmt = FORMAT.date;
      book.definedNames.add(`Budget!$B$${row}`, name);
    }
    cell.alignment = { horizontal: "right" };
  });
  const after = writeTable(sheet, table, 9);
  noteLine(
    sheet,
    after + 1,
    `LAC Variance takes the ${PLACEMENTS_LINE} line's forecast from the engine: actual to date + the forecast cost of the children in care to ${formatUkDate(data.year.end)}.`,
  );
}

/** The example workbook as .xlsx bytes: data sheets only (a refresh adds the reports). */
export async function buildExampleWorkbook(options: ExampleOptions): Promise<Buffer> {
  const data = exampleData(options);
  const book = new ExcelJS.Workbook();
  book.creator = "LAC Cost Engine";
  // A fixed date, so that the same options give the same file.
  book.created = book.modified = new Date(Date.UTC(2024, 0, 1));
  readMeSheet(book, data, options);
  budgetWorksheet(book, data);
  dataSheet(book, "Episodes", "Placement episodes (SSDA903) with weekly costs", "One row per placement episode. DEC blank: the placement is still open.", episodesTable(data));
  dataSheet(book, "Children", "Children looked after (SSDA903 header)", "One row per child.", childrenTable(data));
  dataSheet(book, "UASC", "Unaccompanied asylum-seeking children", "DUC: the date the child ceased to be UASC (their 18th birthday).", uascTable(data));
  dataSheet(book, "Unit costs", "Weekly unit costs", "Used for episodes without a WEEKLY_COST. A blank PROVIDED or LOCATION applies to any.", unitCostsTable(data));
  dataSheet(
    book,
    "Scenarios",
    "Scenarios: planned changes",
    "Edit a row or add your own; LAC Scenarios values every row on refresh (demand changes through the forecast).",
    scenariosTable(data),
  );
  dataSheet(
    book,
    "Placement review",
    "High-cost placement review: planned changes",
    "Each planned change, its new weekly cost and target date; LAC High-Cost Placements values each row's in-year saving and what is at risk if it slips.",
    reviewTable(data),
  );
  dataSheet(
    book,
    "Benchmarks",
    "Benchmarks: statistical neighbours, the region and England",
    "Illustrative neighbours (no real council); England's rate as the DfE published it. Fill yours from the DfE's tables; LAC Benchmark compares.",
    benchmarksTable(data),
  );
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The add-in whose functions the example's formulas call: manifest.xml's Id and Version (test/examples keeps them equal). */
export const EXAMPLE_ADDIN = { id: "f93faa0c-a75c-4d36-93ef-332a805468ed", version: "0.1.0.0" } as const;

/**
 * The calculation engine Excel for Microsoft 365 writes in calcPr's calcId. A file stamped with an
 * older engine (ExcelJS writes 171027) is recalculated in full when Excel opens it, which throws
 * away the values stored with the LAC formulas before the add-in has loaded to work them out again.
 */
export const EXCEL_CALC_ID = "191029";

/** The web extension instance's own id: any GUID, fixed so that the same options give the same file. */
const WEB_EXTENSION_INSTANCE_ID = "{6F0D3C0A-2B7E-4C55-9A1D-8E4B5F2C7A10}";
const WEB_EXTENSIONS = "xl/webextensions";
const RELATIONSHIPS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const TASKPANES_RELATIONSHIP = "http://schemas.microsoft.com/office/2011/relationships/webextensiontaskpanes";
const WEB_EXTENSION_RELATIONSHIP = "http://schemas.microsoft.com/office/2011/relationships/webextension";
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
/** A fixed date for the parts added here, for the same reason. */
const PART_DATE = new Date(Date.UTC(2024, 0, 1));

/**
 * The parts [MS-OWEXML] defines for an add-in a workbook uses, as Excel writes them: a web
 * extension naming the add-in (its manifest Id and Version; store "developer", storeType
 * "Registry": a sideloaded add-in), and the task pane part that lists it. Excel reads them to
 * know which add-in the workbook's _xldudf_LAC_ functions come from, and offers to load it.
 * The pane stays closed (visibility 0) until the user opens it.
 */
function webExtensionParts(): Record<string, string> {
  return {
    [`${WEB_EXTENSIONS}/webextension1.xml`]:
      XML_DECLARATION +
      `<we:webextension xmlns:we="http://schemas.microsoft.com/office/webextensions/webextension/2010/11" id="${WEB_EXTENSION_INSTANCE_ID}">` +
      `<we:reference id="${EXAMPLE_ADDIN.id}" version="${EXAMPLE_ADDIN.version}" store="developer" storeType="Registry"/>` +
      `<we:alternateReferences/><we:properties/><we:bindings/><we:snapshot xmlns:r="${RELATIONSHIPS_NS}"/></we:webextension>`,
    [`${WEB_EXTENSIONS}/taskpanes.xml`]:
      XML_DECLARATION +
      `<wetp:taskpanes xmlns:wetp="http://schemas.microsoft.com/office/webextensions/taskpanes/2010/11">` +
      `<wetp:taskpane dockstate="right" visibility="0" width="350" row="4"><wetp:webextensionref xmlns:r="${RELATIONSHIPS_NS}" r:id="rId1"/></wetp:taskpane>` +
      `</wetp:taskpanes>`,
    [`${WEB_EXTENSIONS}/_rels/taskpanes.xml.rels`]:
      XML_DECLARATION +
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="${WEB_EXTENSION_RELATIONSHIP}" Target="webextension1.xml"/></Relationships>`,
  };
}

async function partText(zip: JSZip, name: string): Promise<string> {
  const part = zip.file(name);
  if (!part) throw new Error(`the workbook has no ${name}`);
  return part.async("string");
}

/**
 * An .xlsx package finished as Excel itself would save the example: stamped with Excel's current
 * calculation engine, and with the web extension parts that tie its LAC formulas to the add-in.
 */
export async function asExcelSavesExample(xlsx: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(xlsx);
  const options = { date: PART_DATE, createFolders: false };

  const workbook = await partText(zip, "xl/workbook.xml");
  if (!/<calcPr\b[^>]*\bcalcId="\d+"/.test(workbook)) throw new Error("xl/workbook.xml has no calcPr calcId to bring up to date");
  zip.file("xl/workbook.xml", workbook.replace(/(<calcPr\b[^>]*\bcalcId=")\d+"/, `$1${EXCEL_CALC_ID}"`), options);

  if (!zip.file(`${WEB_EXTENSIONS}/taskpanes.xml`)) {
    for (const [name, text] of Object.entries(webExtensionParts())) zip.file(name, text, options);
    const contentTypes = await partText(zip, "[Content_Types].xml");
    zip.file(
      "[Content_Types].xml",
      contentTypes.replace(
        "</Types>",
        `<Override PartName="/${WEB_EXTENSIONS}/taskpanes.xml" ContentType="application/vnd.ms-office.webextensiontaskpanes+xml"/>` +
          `<Override PartName="/${WEB_EXTENSIONS}/webextension1.xml" ContentType="application/vnd.ms-office.webextension+xml"/></Types>`,
      ),
      options,
    );
    const rootRelationships = await partText(zip, "_rels/.rels");
    const usedIds = new Set([...rootRelationships.matchAll(/\bId="([^"]+)"/g)].map((m) => m[1]));
    let n = 1;
    while (usedIds.has(`rId${n}`)) n += 1;
    zip.file(
      "_rels/.rels",
      rootRelationships.replace("</Relationships>", `<Relationship Id="rId${n}" Type="${TASKPANES_RELATIONSHIP}" Target="${WEB_EXTENSIONS}/taskpanes.xml"/></Relationships>`),
      options,
    );
  }
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 6 } });
}
