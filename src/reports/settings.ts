/**
 * Report settings, saved in the workbook itself so that the pane, the ribbon's Refresh and the
 * command line all refresh a workbook the same way: a sheet the add-in owns, "LAC Settings",
 * holding one Excel table (LAC_Settings) of Setting | Value | Meaning rows. Every setting is
 * listed, with a blank Value meaning "the default", so a user can read and edit them there.
 * Values are written as text, as the settings' definitions format them (src/engine/settings.ts):
 * dates as yyyy-mm-dd, percentages as "5%".
 */

import { Day } from "../engine/dates";
import { Period } from "../engine/costs";
import type { ForecastMode } from "../engine/forecast";
import { RowIssue } from "../engine/quality";
import {
  EngineLines,
  RAG_DEFAULTS,
  SETTINGS,
  Setting,
  SettingError,
  SettingKey,
  SettingValue,
  costsPeriodProblem,
  fractionOfPoints,
  percentPoints,
  ragOrderProblem,
  ratesWindowProblem,
  readSetting,
  settingMeaning,
} from "../engine/settings";
import { Cell, ColumnMapping, FieldSpec, Table, cellText, isBlankRow, normaliseHeader, resolveColumns, rowNumberOf } from "../engine/table";
import { DEFAULT_RAG_THRESHOLDS, RagThresholds } from "../engine/variance";
import type { SheetSpec } from "../workbook/spec";
import { DEFAULT_SHEET_NAMES, REPORT_KEYS, ReportKey, note, textColumn } from "./common";

import { INPUT_KINDS, InputKind } from "../engine/inputs";

export { INPUT_KINDS };
export type { InputKind };


export interface ForecastSettings {
  mode?: ForecastMode;
  /** The window the rates are observed over; the forecast's defaults (three years to the data's last date) unless given. */
  referenceStart?: Day;
  referenceEnd?: Day;
  start?: Day;
  months?: number;
  target?: number;
  /** Annual, as a fraction (0.03). */
  inflation?: number;
  /** The band's level, as a fraction (0.95). */
  bandLevel?: number;
}

export type { EngineLines };

export interface ReportSettings {
  /** The costs period; the financial year holding the data's last date unless given. */
  period?: Period;
  forecast?: ForecastSettings;
  rag?: RagThresholds;
  engineLines?: EngineLines;
  /** Weeks in a full year of a weekly cost or saving (52, or 52.14). */
  weeksPerYear?: number;
  /** The table or sheet each input is read from, where finding it by name or headers is not enough. */
  sources?: Partial<Record<InputKind, string>>;
  /** Column mappings per input: field name (e.g. "DECOM") → the user's header ("Start date"). */
  mappings?: Partial<Record<InputKind, ColumnMapping>>;
  sheetNames?: Partial<Record<ReportKey, string>>;
  /** How many placements LAC High-Cost Placements lists (SETTINGS.highCostCount). */
  highCostCount?: number;
  /** The council's children aged 0 to 17, for LAC Benchmark (SETTINGS.childPopulation). */
  childPopulation?: number;
}

export const SETTINGS_SHEET = "LAC Settings";
export const SETTINGS_TABLE = "LAC_Settings";
const SETTINGS_TABLE_LABEL = "LAC Settings";

export const DEFAULT_FORECAST_MONTHS = SETTINGS.forecastMonths.default;

/** Settings of `over` replace those of `base`, field by field (maps are merged key by key). */
export function mergeSettings(base: ReportSettings, over: ReportSettings = {}): ReportSettings {
  const merged: ReportSettings = { ...base, ...stripUndefined(over) };
  merged.forecast = { ...base.forecast, ...stripUndefined(over.forecast ?? {}) };
  if (base.rag || over.rag) merged.rag = { ...(base.rag ?? DEFAULT_RAG_THRESHOLDS), ...stripUndefined(over.rag ?? {}) } as RagThresholds;
  merged.sources = { ...base.sources, ...stripUndefined(over.sources ?? {}) };
  merged.sheetNames = { ...base.sheetNames, ...stripUndefined(over.sheetNames ?? {}) };
  merged.mappings = { ...base.mappings };
  for (const [kind, mapping] of Object.entries(over.mappings ?? {}) as [InputKind, ColumnMapping][]) {
    merged.mappings[kind] = { ...base.mappings?.[kind], ...mapping };
  }
  return merged;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * The settings held in ReportSettings, as the registry's values (percentages as fractions). The
 * variance keeps its thresholds as numbers of per cent (1 for 1%), converted here.
 */
export type SettingValues = { [K in SettingKey]?: SettingValue<K> };

export function settingValuesOf(settings: ReportSettings): SettingValues {
  const f = settings.forecast ?? {};
  const rag = settings.rag;
  return {
    costsFrom: settings.period?.start,
    costsTo: settings.period?.end,
    forecastMode: f.mode,
    ratesFrom: f.referenceStart,
    ratesTo: f.referenceEnd,
    forecastStart: f.start,
    forecastMonths: f.months,
    forecastTarget: f.target,
    inflation: f.inflation,
    bandLevel: f.bandLevel,
    ragAmberPercent: rag && fractionOfPoints(rag.amberPercent),
    ragRedPercent: rag && fractionOfPoints(rag.redPercent),
    ragAmberAmount: rag?.amberAmount,
    ragRedAmount: rag?.redAmount,
    engineLines: settings.engineLines,
    weeksPerYear: settings.weeksPerYear,
    highCostCount: settings.highCostCount,
    childPopulation: settings.childPopulation,
  };
}

/**
 * The settings with the given values in place of theirs (a key given as undefined goes back to
 * its default). A costs period is kept only with both days; thresholds left blank beside one
 * that is set take their defaults.
 */
export function withSettingValues(settings: ReportSettings, values: SettingValues): ReportSettings {
  const v: SettingValues = { ...settingValuesOf(settings), ...values };
  const next: ReportSettings = { ...settings };
  delete next.period;
  if (v.costsFrom !== undefined && v.costsTo !== undefined) next.period = { start: v.costsFrom, end: v.costsTo };
  const forecast: ForecastSettings = {
    mode: v.forecastMode,
    referenceStart: v.ratesFrom,
    referenceEnd: v.ratesTo,
    start: v.forecastStart,
    months: v.forecastMonths,
    target: v.forecastTarget,
    inflation: v.inflation,
    bandLevel: v.bandLevel,
  };
  next.forecast = stripUndefined(forecast);
  if (Object.keys(next.forecast).length === 0 && settings.forecast === undefined) delete next.forecast;
  delete next.rag;
  if ([v.ragAmberPercent, v.ragRedPercent, v.ragAmberAmount, v.ragRedAmount].some((value) => value !== undefined)) {
    next.rag = {
      amberPercent: percentPoints(v.ragAmberPercent ?? RAG_DEFAULTS.amber),
      redPercent: percentPoints(v.ragRedPercent ?? RAG_DEFAULTS.red),
      ...stripUndefined({ amberAmount: v.ragAmberAmount, redAmount: v.ragRedAmount }),
    };
  }
  delete next.engineLines;
  if (v.engineLines !== undefined) next.engineLines = v.engineLines;
  delete next.weeksPerYear;
  if (v.weeksPerYear !== undefined) next.weeksPerYear = v.weeksPerYear;
  delete next.highCostCount;
  if (v.highCostCount !== undefined) next.highCostCount = v.highCostCount;
  delete next.childPopulation;
  if (v.childPopulation !== undefined) next.childPopulation = v.childPopulation;
  return next;
}

/** The registry's settings the sheet lists, in the sheet's order. */
const SHEET_SETTINGS: readonly SettingKey[] = [
  "costsFrom",
  "costsTo",
  "forecastMode",
  "ratesFrom",
  "ratesTo",
  "forecastStart",
  "forecastMonths",
  "forecastTarget",
  "inflation",
  "bandLevel",
  "ragAmberPercent",
  "ragRedPercent",
  "ragAmberAmount",
  "ragRedAmount",
  "engineLines",
  "weeksPerYear",
  "highCostCount",
  "childPopulation",
];

/**
 * Rows a previous version wrote under another name, read with the meaning they had then: the
 * RAG percentages were bare numbers of per cent ("0.5" was half a per cent), which the one rule
 * for percentages would now read as a fraction (50%). They are rewritten under the new names,
 * with a % sign, the next time the settings are saved.
 */
const FORMER_NAMES: ReadonlyMap<string, SettingKey> = new Map([
  [normaliseHeader("RAG amber above % of budget"), "ragAmberPercent"],
  [normaliseHeader("RAG red above % of budget"), "ragRedPercent"],
]);

function asFormerPercent(cell: Cell): Cell {
  const text = cellText(cell);
  return text.endsWith("%") ? text : `${text}%`;
}

/** Rules between settings: when one fails, the rows of its settings are rejected and their defaults used. */
const SHEET_RULES: readonly { keys: readonly SettingKey[]; problem: (v: SettingValues) => string | null }[] = [
  { keys: ["costsFrom", "costsTo"], problem: (v) => costsPeriodProblem(v.costsFrom, v.costsTo) },
  { keys: ["ratesFrom", "ratesTo"], problem: (v) => ratesWindowProblem(v.ratesFrom, v.ratesTo) },
  { keys: ["ragAmberPercent", "ragRedPercent"], problem: (v) => ragOrderProblem(v.ragAmberPercent, v.ragRedPercent) },
];

/** One line of the settings table the registry does not define: the inputs, their columns and the sheet names. */
interface SettingLine {
  key: string;
  meaning: string;
  write: (s: ReportSettings) => string;
  /** Reads a non-blank value into the settings; throws a SettingError saying why it cannot. */
  read: (s: ReportSettings, cell: Cell) => void;
}

/** "DECOM=Start date; DEC=End date". */
function mappingText(mapping: ColumnMapping | undefined): string {
  return Object.entries(mapping ?? {})
    .map(([field, header]) => `${field}=${header}`)
    .join("; ");
}

function readMapping(cell: Cell): ColumnMapping {
  const mapping: Record<string, string> = {};
  for (const part of cellText(cell).split(";")) {
    if (part.trim() === "") continue;
    const equals = part.indexOf("=");
    const field = part.slice(0, equals).trim();
    const header = part.slice(equals + 1).trim();
    if (equals < 0 || field === "" || header === "") throw new SettingError(`"${part.trim()}" is not FIELD=Column header`);
    mapping[field] = header;
  }
  return mapping;
}

const OTHER_LINES: readonly SettingLine[] = [
  ...INPUT_KINDS.map(
    (kind): SettingLine => ({
      key: `Input: ${kind}`,
      meaning: `The Excel table or sheet to read ${kind} from. Blank: one named ${kind}, else one whose headers fit.`,
      write: (s) => s.sources?.[kind] ?? "",
      read: (s, cell) => ((s.sources ??= {})[kind] = cellText(cell)),
    }),
  ),
  ...INPUT_KINDS.map(
    (kind): SettingLine => ({
      key: `Columns: ${kind}`,
      meaning: `Your column headers for ${kind}, as FIELD=Header separated by ";" (e.g. DECOM=Start date). Blank: recognised by name.`,
      write: (s) => mappingText(s.mappings?.[kind]),
      read: (s, cell) => ((s.mappings ??= {})[kind] = readMapping(cell)),
    }),
  ),
  ...REPORT_KEYS.map(
    (report): SettingLine => ({
      key: `Sheet name: ${DEFAULT_SHEET_NAMES[report]}`,
      meaning: `The name of the sheet the ${DEFAULT_SHEET_NAMES[report]} report is written to.`,
      write: (s) => s.sheetNames?.[report] ?? "",
      read: (s, cell) => ((s.sheetNames ??= {})[report] = cellText(cell)),
    }),
  ),
];

const SETTING_BY_NAME: ReadonlyMap<string, SettingKey> = new Map(SHEET_SETTINGS.map((key) => [normaliseHeader(SETTINGS[key].label), key]));
const OTHER_LINE_BY_NAME: ReadonlyMap<string, SettingLine> = new Map(OTHER_LINES.map((line) => [normaliseHeader(line.key), line]));

/** The owned sheet that saves the settings (write it with port.writeSheet). */
export function settingsSheet(settings: ReportSettings): SheetSpec {
  const values = settingValuesOf(settings);
  const format = <K extends SettingKey>(key: K): string => (SETTINGS[key] as Setting<SettingValue<K>>).format(values[key] as SettingValue<K> | undefined);
  return {
    name: SETTINGS_SHEET,
    title: "LAC Cost Engine: settings",
    blocks: [
      note("The add-in and the command line read these settings on every refresh. A blank value means the default; edit a value to change it."),
      {
        kind: "table",
        name: SETTINGS_TABLE,
        columns: [textColumn("Setting"), textColumn("Value"), { ...textColumn("Meaning"), width: 80 }],
        rows: [
          ...SHEET_SETTINGS.map((key) => [SETTINGS[key].label, format(key), settingMeaning(SETTINGS[key])]),
          ...OTHER_LINES.map((line) => [line.key, line.write(settings), line.meaning]),
        ],
      },
    ],
  };
}

const SETTINGS_FIELDS: readonly FieldSpec[] = [
  { name: "Setting", required: true, synonyms: ["key", "name"] },
  { name: "Value", required: true, synonyms: [] },
];

export interface SettingsRead {
  settings: ReportSettings;
  issues: RowIssue[];
  rowsIn: number;
  rowsRejected: number;
}

/**
 * Reads the settings table. A row naming no known setting, or with a value that cannot be read,
 * is rejected (its default applies) and reported; blank values are defaults. Settings that must
 * agree (the period's two days, the window's, Amber and Red) are rejected together when they do not.
 */
export function readSettings(table: Table): SettingsRead {
  const col = resolveColumns(table.headers, SETTINGS_FIELDS);
  const settings: ReportSettings = {};
  const values: SettingValues = {};
  const rowOf: Partial<Record<SettingKey, number>> = {};
  const issues: RowIssue[] = [];
  let rowsIn = 0;
  const reject = (row: number, column: string, reason: string) => issues.push({ table: SETTINGS_TABLE_LABEL, row, column, action: "rejected", reason });
  table.rows.forEach((row, index) => {
    if (isBlankRow(row)) return;
    rowsIn += 1;
    const rowNumber = rowNumberOf(table, index);
    const name = cellText(row[col.Setting]);
    const value = row[col.Value] ?? null;
    const formerKey = FORMER_NAMES.get(normaliseHeader(name));
    const key = SETTING_BY_NAME.get(normaliseHeader(name)) ?? formerKey;
    const line = OTHER_LINE_BY_NAME.get(normaliseHeader(name));
    if (key === undefined && line === undefined) return reject(rowNumber, "Setting", `"${name}" is not a setting the add-in knows`);
    if (cellText(value) === "") return;
    try {
      if (line) {
        line.read(settings, value);
      } else if (key) {
        (values as Record<SettingKey, unknown>)[key] = readSetting(SETTINGS[key] as Setting<unknown>, formerKey ? asFormerPercent(value) : value);
        rowOf[key] = rowNumber;
      }
    } catch (error) {
      if (!(error instanceof SettingError)) throw error;
      const label = line?.key ?? (key !== undefined && formerKey === undefined ? SETTINGS[key].label : name);
      reject(rowNumber, "Value", `${label}: ${error.message}; the default is used`);
    }
  });
  for (const rule of SHEET_RULES) {
    const problem = rule.problem(values);
    if (problem === null) continue;
    for (const key of rule.keys) {
      const row = rowOf[key];
      if (row !== undefined) reject(row, "Value", `${SETTINGS[key].label}: ${problem}; the default is used`);
      delete values[key];
    }
  }
  return { settings: withSettingValues(settings, values), issues, rowsIn, rowsRejected: new Set(issues.map((issue) => issue.row)).size };
}
