/**
 * Report settings, saved in the workbook itself so that the pane, the ribbon's Refresh and the
 * command line all refresh a workbook the same way: a sheet the add-in owns, "LAC Settings",
 * holding one Excel table (LAC_Settings) of Setting | Value | Meaning rows. Every setting is
 * listed, with a blank Value meaning "the default", so a user can read and edit them there.
 * Values are written as text: dates as yyyy-mm-dd, percentages as "5%".
 */

import { DateError, Day, formatIsoDate, parseDate } from "../engine/dates";
import { Period } from "../engine/costs";
import type { ForecastMode } from "../engine/forecast";
import { RowIssue } from "../engine/quality";
import { percentFraction } from "../engine/scenarios";
import { Cell, ColumnMapping, FieldSpec, Table, cellNumber, cellText, isBlankRow, normaliseHeader, resolveColumns, rowNumberOf } from "../engine/table";
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

/** Which budget lines take their forecast outturn from the engine: "auto" = lines named like "Placements". */
export type EngineLines = "auto" | "none" | readonly string[];

export interface ReportSettings {
  /** The costs period; the financial year holding the data's last date unless given. */
  period?: Period;
  forecast?: ForecastSettings;
  rag?: RagThresholds;
  engineLines?: EngineLines;
  /** The table or sheet each input is read from, where finding it by name or headers is not enough. */
  sources?: Partial<Record<InputKind, string>>;
  /** Column mappings per input: field name (e.g. "DECOM") → the user's header ("Start date"). */
  mappings?: Partial<Record<InputKind, ColumnMapping>>;
  sheetNames?: Partial<Record<ReportKey, string>>;
}

export const SETTINGS_SHEET = "LAC Settings";
export const SETTINGS_TABLE = "LAC_Settings";
const SETTINGS_TABLE_LABEL = "LAC Settings";

export const DEFAULT_FORECAST_MONTHS = 24;

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

/** One line of the settings table: how to write its value from settings, and read it back into them. */
interface SettingLine {
  key: string;
  meaning: string;
  write: (s: ReportSettings) => string;
  /** Reads a non-blank value into the settings; throws a SettingError saying why it cannot. */
  read: (s: ReportSettings, cell: Cell) => void;
}

class SettingError extends Error {}

function dateText(day: Day | undefined): string {
  return day === undefined ? "" : formatIsoDate(day);
}

function readDate(cell: Cell): Day {
  try {
    const day = parseDate(cell);
    if (day === null) throw new SettingError("is blank");
    return day;
  } catch (error) {
    if (error instanceof DateError) throw new SettingError(error.message);
    throw error;
  }
}

function readNumber(cell: Cell, check: (n: number) => boolean, expected: string): number {
  const value = cellNumber(cell);
  if (typeof value !== "number" || !check(value)) throw new SettingError(`"${cellText(cell)}" is not ${expected}`);
  return value;
}

function readFraction(cell: Cell, check: (n: number) => boolean, expected: string): number {
  const value = percentFraction(cell);
  if (typeof value !== "number" || !check(value)) throw new SettingError(`"${cellText(cell)}" is not ${expected}`);
  return value;
}

function percentText(fraction: number | undefined): string {
  return fraction === undefined ? "" : `${Number((fraction * 100).toFixed(6))}%`;
}

/* The value is read before the setter runs, so a value that cannot be read leaves no trace. */
function setForecast<K extends keyof ForecastSettings>(s: ReportSettings, key: K, value: ForecastSettings[K]): void {
  (s.forecast ??= {})[key] = value;
}

function setRag<K extends keyof RagThresholds>(s: ReportSettings, key: K, value: RagThresholds[K]): void {
  (s.rag ??= { ...DEFAULT_RAG_THRESHOLDS })[key] = value;
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

const SETTING_LINES: readonly SettingLine[] = [
  {
    key: "Costs period from",
    meaning: "First day of the LAC Costs period (yyyy-mm-dd). Blank: the financial year holding the data's last date.",
    write: (s) => dateText(s.period?.start),
    read: (s, cell) => (s.period = { start: readDate(cell), end: s.period?.end ?? Number.NaN }),
  },
  {
    key: "Costs period to",
    meaning: "Last day of the LAC Costs period, counted in. Set both or neither.",
    write: (s) => dateText(s.period?.end),
    read: (s, cell) => (s.period = { start: s.period?.start ?? Number.NaN, end: readDate(cell) }),
  },
  {
    key: "Forecast model",
    meaning: '"default", or "reference" to reproduce the regional demand model.',
    write: (s) => s.forecast?.mode ?? "",
    read: (s, cell) => {
      const mode = cellText(cell).toLowerCase();
      if (mode !== "default" && mode !== "reference") throw new SettingError(`"${cellText(cell)}" is not default or reference`);
      setForecast(s, "mode", mode);
    },
  },
  {
    key: "Forecast rates from",
    meaning: "First day of the window the rates are observed over. Blank: three years before its end.",
    write: (s) => dateText(s.forecast?.referenceStart),
    read: (s, cell) => setForecast(s, "referenceStart", readDate(cell)),
  },
  {
    key: "Forecast rates to",
    meaning: "Last day of that window. Blank: the data's last date.",
    write: (s) => dateText(s.forecast?.referenceEnd),
    read: (s, cell) => setForecast(s, "referenceEnd", readDate(cell)),
  },
  {
    key: "Forecast from",
    meaning: "The day the forecast starts from. Blank: the end of the rates window.",
    write: (s) => dateText(s.forecast?.start),
    read: (s, cell) => setForecast(s, "start", readDate(cell)),
  },
  {
    key: "Forecast months",
    meaning: `Months to forecast (1 to 1200). Blank: ${DEFAULT_FORECAST_MONTHS}.`,
    write: (s) => (s.forecast?.months === undefined ? "" : String(s.forecast.months)),
    read: (s, cell) => setForecast(s, "months", readNumber(cell, (n) => Number.isInteger(n) && n >= 1 && n <= 1200, "a whole number of months from 1 to 1200")),
  },
  {
    key: "Forecast target",
    meaning: "A number of children in care to reach (e.g. 400): the report gives the month it is reached.",
    write: (s) => (s.forecast?.target === undefined ? "" : String(s.forecast.target)),
    read: (s, cell) => setForecast(s, "target", readNumber(cell, (n) => n >= 0, "a number of children")),
  },
  {
    key: "Forecast inflation",
    meaning: "Annual inflation applied to forecast costs (e.g. 3%). Blank: none.",
    write: (s) => percentText(s.forecast?.inflation),
    read: (s, cell) => setForecast(s, "inflation", readFraction(cell, (n) => n > -0.5 && n < 1, "a percentage between -50% and 100%")),
  },
  {
    key: "Forecast band",
    meaning: "Level of the uncertainty band around the total (e.g. 95%). Blank: 95%.",
    write: (s) => percentText(s.forecast?.bandLevel),
    read: (s, cell) => setForecast(s, "bandLevel", readFraction(cell, (n) => n > 0 && n < 1, "a percentage between 0% and 100%")),
  },
  {
    key: "RAG amber above % of budget",
    meaning: `Overspend, as a percentage of budget, above which a line is Amber. Blank: ${DEFAULT_RAG_THRESHOLDS.amberPercent}.`,
    write: (s) => (s.rag === undefined ? "" : String(s.rag.amberPercent)),
    read: (s, cell) => setRag(s, "amberPercent", readNumber(cell, Number.isFinite, "a number")),
  },
  {
    key: "RAG red above % of budget",
    meaning: `Overspend, as a percentage of budget, above which a line is Red. Blank: ${DEFAULT_RAG_THRESHOLDS.redPercent}.`,
    write: (s) => (s.rag === undefined ? "" : String(s.rag.redPercent)),
    read: (s, cell) => setRag(s, "redPercent", readNumber(cell, Number.isFinite, "a number")),
  },
  {
    key: "RAG amber above amount (£)",
    meaning: "Optional: an overspend above this amount is Amber whatever its percentage.",
    write: (s) => (s.rag?.amberAmount === undefined ? "" : String(s.rag.amberAmount)),
    read: (s, cell) => setRag(s, "amberAmount", readNumber(cell, (n) => n >= 0, "an amount")),
  },
  {
    key: "RAG red above amount (£)",
    meaning: "Optional: an overspend above this amount is Red whatever its percentage.",
    write: (s) => (s.rag?.redAmount === undefined ? "" : String(s.rag.redAmount)),
    read: (s, cell) => setRag(s, "redAmount", readNumber(cell, (n) => n >= 0, "an amount")),
  },
  {
    key: "Budget lines forecast by the engine",
    meaning:
      'Lines whose forecast outturn is actual to date + the engine\'s projected cost to year end: "auto" (lines named like Placements), "none", or names separated by ";". Blank: auto.',
    write: (s) => (s.engineLines === undefined ? "" : typeof s.engineLines === "string" ? s.engineLines : s.engineLines.join("; ")),
    read: (s, cell) => {
      const text = cellText(cell);
      const word = text.toLowerCase();
      s.engineLines = word === "auto" || word === "none" ? word : text.split(";").map((t) => t.trim()).filter((t) => t !== "");
    },
  },
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

const LINE_BY_KEY = new Map(SETTING_LINES.map((line) => [normaliseHeader(line.key), line]));

/** The owned sheet that saves the settings (write it with port.writeSheet). */
export function settingsSheet(settings: ReportSettings): SheetSpec {
  return {
    name: SETTINGS_SHEET,
    title: "LAC Cost Engine: settings",
    blocks: [
      note("The add-in and the command line read these settings on every refresh. A blank value means the default; edit a value to change it."),
      {
        kind: "table",
        name: SETTINGS_TABLE,
        columns: [textColumn("Setting"), textColumn("Value"), { ...textColumn("Meaning"), width: 80 }],
        rows: SETTING_LINES.map((line) => [line.key, line.write(settings), line.meaning]),
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
 * is rejected (its default applies) and reported; blank values are defaults.
 */
export function readSettings(table: Table): SettingsRead {
  const col = resolveColumns(table.headers, SETTINGS_FIELDS);
  const settings: ReportSettings = {};
  const issues: RowIssue[] = [];
  let rowsIn = 0;
  let rowsRejected = 0;
  const periodRows: number[] = [];
  table.rows.forEach((row, index) => {
    if (isBlankRow(row)) return;
    rowsIn += 1;
    const rowNumber = rowNumberOf(table, index);
    const key = cellText(row[col.Setting]);
    const value = row[col.Value] ?? null;
    const line = LINE_BY_KEY.get(normaliseHeader(key));
    const reject = (column: string, reason: string) => {
      issues.push({ table: SETTINGS_TABLE_LABEL, row: rowNumber, column, action: "rejected", reason });
      rowsRejected += 1;
    };
    if (!line) return reject("Setting", `"${key}" is not a setting the add-in knows`);
    if (cellText(value) === "") return;
    try {
      line.read(settings, value);
      if (line.key.startsWith("Costs period")) periodRows.push(rowNumber);
    } catch (error) {
      if (!(error instanceof SettingError)) throw error;
      reject("Value", `${line.key}: ${error.message}; the default is used`);
    }
  });
  const period = settings.period;
  if (period && !(Number.isInteger(period.start) && Number.isInteger(period.end) && period.start <= period.end)) {
    for (const row of periodRows) {
      issues.push({
        table: SETTINGS_TABLE_LABEL,
        row,
        column: "Value",
        action: "rejected",
        reason: "Costs period from and to must both be dates, from no later than to: the default period is used",
      });
      rowsRejected += 1;
    }
    delete settings.period;
  }
  return { settings, issues, rowsIn, rowsRejected };
}
