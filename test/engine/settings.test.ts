/**
 * One setting, one meaning: every accepted or refused value of each setting is run through each
 * place a user gives settings (the LAC Settings sheet, the pane's forms, the `lac` flags and the
 * LAC.* function arguments) and must give the same value there, or the same message.
 */

import * as fs from "fs";
import * as path from "path";
import fc from "fast-check";
import { dayFromYmd, excelSerialOfDay } from "../../src/engine/dates";
import { Cell, cellText } from "../../src/engine/table";
import { SETTINGS, SETTING_KEYS, Setting, SettingKey, formatPercent, settingsMarkdownTable } from "../../src/engine/settings";
import { DEFAULT_RAG_THRESHOLDS } from "../../src/engine/variance";
import { readSettings, settingValuesOf, settingsSheet } from "../../src/reports/settings";
import { applyBudgetForm, applyCostsForm, applyForecastForm, BudgetForm, ForecastForm, FormResult } from "../../src/taskpane/settingsForms";
import { settingArgument } from "../../src/cli/arguments";
import { CliError } from "../../src/cli/io";
import { settingOf } from "../../src/functions/coerce";
import { InputError } from "../../src/functions/errors";
import type { TableBlock } from "../../src/workbook/spec";

type Outcome = { value: unknown } | { message: string };

/* The surfaces, each reduced to what it made of one input: the value, or its message without the surface's own prefix. */

/** Settings that only make sense beside another: a costs period needs both days. */
const PARTNER_ROWS: Partial<Record<SettingKey, [SettingKey, string]>> = {
  costsFrom: ["costsTo", "2099-12-31"],
  costsTo: ["costsFrom", "1900-01-01"],
};

function throughTheSheet(key: SettingKey, input: Cell): Outcome {
  const setting = SETTINGS[key];
  const rows: Cell[][] = [[setting.label, input]];
  const partner = PARTNER_ROWS[key];
  if (partner) rows.push([SETTINGS[partner[0]].label, partner[1]]);
  const read = readSettings({ headers: ["Setting", "Value"], rows });
  // The setting's own row is the table's first (row 2); a partner left alone is reported on its own row.
  const own = read.issues.filter((issue) => issue.row === 2);
  if (own.length > 0) {
    expect(own).toHaveLength(1);
    const reason = own[0].reason;
    const match = new RegExp(`^${escape(setting.label)}: (.*); the default is used$`).exec(reason);
    if (!match) throw new Error(`the sheet's reason does not have the usual form: ${reason}`);
    return { message: match[1] };
  }
  return { value: settingValuesOf(read.settings)[key] };
}

const BLANK_FORECAST: ForecastForm = { mode: "default", ratesFrom: "", ratesTo: "", start: "", months: "", target: "", inflation: "", band: "" };
const BLANK_BUDGET: BudgetForm = { amberPercent: "", redPercent: "", amberAmount: "", redAmount: "", engineLines: "auto", lineNames: "" };
const FORECAST_FIELDS: Partial<Record<SettingKey, keyof ForecastForm>> = {
  ratesFrom: "ratesFrom",
  ratesTo: "ratesTo",
  forecastStart: "start",
  forecastMonths: "months",
  forecastTarget: "target",
  inflation: "inflation",
  bandLevel: "band",
};
const BUDGET_FIELDS: Partial<Record<SettingKey, keyof BudgetForm>> = {
  ragAmberPercent: "amberPercent",
  ragRedPercent: "redPercent",
  ragAmberAmount: "amberAmount",
  ragRedAmount: "redAmount",
};

function formOutcome<F>(key: SettingKey, field: keyof F, result: FormResult<F>): Outcome {
  if (result.ok) return { value: settingValuesOf(result.settings)[key] };
  expect(Object.keys(result.errors)).toEqual([field]);
  return { message: result.errors[field] as string };
}

/** The pane's forms take what was typed; the model is a pair of radio buttons, which cannot hold a wrong value. */
function throughThePane(key: SettingKey, text: string): Outcome | null {
  if (key === "costsFrom") return formOutcome(key, "from", applyCostsForm({}, { from: text, to: "2099-12-31" }));
  if (key === "costsTo") return formOutcome(key, "to", applyCostsForm({}, { from: "1900-01-01", to: text }));
  const forecastField = FORECAST_FIELDS[key];
  if (forecastField) return formOutcome(key, forecastField, applyForecastForm({}, { ...BLANK_FORECAST, [forecastField]: text }));
  const budgetField = BUDGET_FIELDS[key];
  if (budgetField) return formOutcome(key, budgetField, applyBudgetForm({}, { ...BLANK_BUDGET, [budgetField]: text }));
  if (key === "engineLines") {
    const word = text.trim().toLowerCase();
    const form: BudgetForm = word === "auto" || word === "none" ? { ...BLANK_BUDGET, engineLines: word } : { ...BLANK_BUDGET, engineLines: "named", lineNames: text };
    const outcome = formOutcome(key, "lineNames", applyBudgetForm({}, form));
    // "auto" is saved as a blank: the default it stands for.
    return "value" in outcome && outcome.value === undefined ? { value: SETTINGS.engineLines.default } : outcome;
  }
  return null;
}

function throughTheCommandLine(key: SettingKey, text: string): Outcome | null {
  const setting: Setting<unknown> = SETTINGS[key];
  if (!setting.flag) return null;
  try {
    return { value: settingArgument(setting, text) };
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    expect(error.message.startsWith(`${setting.flag}: `)).toBe(true);
    return { message: error.message.slice(setting.flag.length + 2) };
  }
}

/** The LAC.* arguments that give a setting, by the name Excel's wizard shows. */
const ARGUMENTS: Partial<Record<SettingKey, string>> = {
  forecastMode: "mode",
  ratesFrom: "referenceStart",
  ratesTo: "referenceEnd",
  forecastStart: "start",
  forecastMonths: "months",
  inflation: "inflation",
};

function throughAFunction(key: SettingKey, input: Cell): Outcome | null {
  const label = ARGUMENTS[key];
  if (!label) return null;
  try {
    return { value: settingOf(SETTINGS[key] as Setting<unknown>, [[input]], label) };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    expect(error.message.startsWith(`${label}: `)).toBe(true);
    return { message: error.message.slice(label.length + 2) };
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/* The cases -------------------------------------------------------------------------------------- */

interface Case {
  key: SettingKey;
  input: Cell;
  /** The value every surface must give… */
  value?: unknown;
  /** …or the message every surface must refuse it with. */
  message?: string;
}

const march31 = dayFromYmd(2024, 3, 31);
const FRACTION_NOTE = "(a number below 1 is a fraction, as a percentage cell holds it)";

const CASES: Case[] = [
  // The rule for percentages: "3%", 0.03 (a cell formatted 3%) and 3 are all 3%.
  { key: "inflation", input: "3%", value: 0.03 },
  { key: "inflation", input: "0.03", value: 0.03 },
  { key: "inflation", input: "3", value: 0.03 },
  { key: "inflation", input: 0.03, value: 0.03 },
  { key: "inflation", input: 3, value: 0.03 },
  { key: "inflation", input: " 2.5 % ", value: 0.025 },
  { key: "inflation", input: "0.5%", value: 0.005 },
  { key: "inflation", input: "-2%", value: -0.02 },
  { key: "inflation", input: "", value: undefined },
  { key: "inflation", input: "0.5", message: `"0.5" is read as 50% ${FRACTION_NOTE}, which is not from -20% to 20%: for 0.5% write "0.5%"` },
  { key: "inflation", input: 0.5, message: `"0.5" is read as 50% ${FRACTION_NOTE}, which is not from -20% to 20%: for 0.5% write "0.5%"` },
  { key: "inflation", input: 1, message: '"1" could be 1% or 100%: write it with a % sign' },
  { key: "inflation", input: "-1", message: '"-1" could be -1% or -100%: write it with a % sign' },
  { key: "inflation", input: "30%", message: '"30%" is not from -20% to 20%' },
  { key: "inflation", input: "150", message: '"150" is read as 150%, which is not from -20% to 20%' },
  { key: "inflation", input: "lots", message: '"lots" is not a percentage: write it as 3%, 0.03 or 3' },
  // The band has one range everywhere.
  { key: "bandLevel", input: "95%", value: 0.95 },
  { key: "bandLevel", input: 0.9, value: 0.9 },
  { key: "bandLevel", input: "80", value: 0.8 },
  { key: "bandLevel", input: "99.9%", value: 0.999 },
  { key: "bandLevel", input: "50%", value: 0.5 },
  { key: "bandLevel", input: "100%", message: '"100%" is not from 50% to 99.9%' },
  { key: "bandLevel", input: "2", message: '"2" is read as 2%, which is not from 50% to 99.9%' },
  { key: "bandLevel", input: "0.3", message: `"0.3" is read as 30% ${FRACTION_NOTE}, which is not from 50% to 99.9%` },
  // RAG thresholds: percentages like the others (they were bare numbers of per cent before).
  { key: "ragAmberPercent", input: "1.5", value: 0.015 },
  { key: "ragAmberPercent", input: "2%", value: 0.02 },
  { key: "ragAmberPercent", input: 0.02, value: 0.02 },
  { key: "ragAmberPercent", input: "0.5", message: `"0.5" is read as 50% ${FRACTION_NOTE}, which is not from 0% to 20%: for 0.5% write "0.5%"` },
  { key: "ragAmberPercent", input: "-1%", message: '"-1%" is not from 0% to 20%' },
  { key: "ragRedPercent", input: "10", value: 0.1 },
  { key: "ragRedPercent", input: "10%", value: 0.1 },
  { key: "ragRedPercent", input: 0.1, value: 0.1 },
  { key: "ragRedPercent", input: "25%", message: '"25%" is not from 0% to 20%' },
  { key: "ragAmberAmount", input: "£50,000", value: 50_000 },
  { key: "ragAmberAmount", input: "lots", message: '"lots" is not a number of pounds of 0 or more' },
  { key: "ragRedAmount", input: 250000, value: 250_000 },
  { key: "ragRedAmount", input: "-5", message: '"-5" is not a number of pounds of 0 or more' },
  // Whole numbers and numbers.
  { key: "forecastMonths", input: "36", value: 36 },
  { key: "forecastMonths", input: 12, value: 12 },
  { key: "forecastMonths", input: "1.5", message: '"1.5" is not a whole number of months from 1 to 1,200' },
  { key: "forecastMonths", input: "0", message: '"0" is not a whole number of months from 1 to 1,200' },
  { key: "forecastMonths", input: "1201", message: '"1201" is not a whole number of months from 1 to 1,200' },
  { key: "forecastTarget", input: "400", value: 400 },
  { key: "forecastTarget", input: "5%", message: '"5%" is not a number of children from 0 to 1,000,000' },
  { key: "weeksPerYear", input: "52.14", value: 52.14 },
  { key: "highCostCount", input: "20", value: 20 },
  { key: "highCostCount", input: "0", message: '"0" is not a whole number of placements from 1 to 1,000' },
  { key: "childPopulation", input: "78,400", value: 78_400 },
  { key: "childPopulation", input: "78.5", message: '"78.5" is not a whole number of children from 1 to 15,000,000' },
  { key: "weeksPerYear", input: "53", message: '"53" is not a number of weeks from 52 to 52.2' },
  // Dates: ISO, UK and Excel's date numbers.
  { key: "costsFrom", input: "2024-03-31", value: march31 },
  { key: "costsFrom", input: "31/03/2024", value: march31 },
  { key: "costsFrom", input: "2024-02-30", message: '"2024-02-30" is not a real date' },
  { key: "costsTo", input: excelSerialOfDay(march31), value: march31 },
  { key: "costsTo", input: "next year", message: '"next year" is not a date (expected yyyy-mm-dd, dd/mm/yyyy or an Excel date)' },
  { key: "ratesFrom", input: "2021-04-01", value: dayFromYmd(2021, 4, 1) },
  { key: "ratesFrom", input: "2021-13-01", message: '"2021-13-01" is not a real date' },
  { key: "ratesTo", input: 45382, value: march31 },
  { key: "ratesTo", input: "31/02/2024", message: '"31/02/2024" is not a real date' },
  { key: "forecastStart", input: "2024-04-01", value: dayFromYmd(2024, 4, 1) },
  { key: "forecastStart", input: "soon", message: '"soon" is not a date (expected yyyy-mm-dd, dd/mm/yyyy or an Excel date)' },
  // Choices and lists.
  { key: "forecastMode", input: "Reference", value: "reference" },
  { key: "forecastMode", input: "fancy", message: '"fancy" is not default or reference' },
  { key: "engineLines", input: "auto", value: "auto" },
  { key: "engineLines", input: "none", value: "none" },
  { key: "engineLines", input: "Placements; Residential ;", value: ["Placements", "Residential"] },
  { key: "engineLines", input: " ; ", message: 'name at least one budget line, separated by ";"' },
];

describe("one setting, one meaning", () => {
  it("has cases for every setting, accepted and refused", () => {
    for (const key of SETTING_KEYS) {
      const cases = CASES.filter((c) => c.key === key);
      expect({ key, accepted: cases.some((c) => "value" in c) }).toEqual({ key, accepted: true });
      expect({ key, refused: cases.some((c) => c.message) }).toEqual({ key, refused: true });
    }
  });

  it.each(CASES.map((c) => [c.key, JSON.stringify(c.input), c] as const))("%s %s gives the same everywhere", (_key, _input, c) => {
    const expected: Outcome = c.message !== undefined ? { message: c.message } : { value: c.value };
    const setting: Setting<unknown> = SETTINGS[c.key];
    const typed = cellText(c.input);
    const dateNumber = setting.kind === "date" && typeof c.input === "number";
    const outcomes: Record<string, Outcome | null> = {
      definition: setting.parse(c.input).ok ? { value: (setting.parse(c.input) as { value: unknown }).value } : { message: (setting.parse(c.input) as { message: string }).message },
      // A weeks-per-year row is not in the sheet yet (nothing reads it); the others are.
      sheet: c.key === "weeksPerYear" ? null : throughTheSheet(c.key, c.input),
      // A date box or a flag never holds an Excel date number.
      pane: dateNumber ? null : throughThePane(c.key, typed),
      commandLine: dateNumber ? null : throughTheCommandLine(c.key, typed),
      function: throughAFunction(c.key, c.input),
    };
    for (const [surface, outcome] of Object.entries(outcomes)) {
      if (outcome !== null) expect({ surface, ...outcome }).toEqual({ surface, ...expected });
    }
  });

  it("reaches each surface for the settings each one takes", () => {
    const reached = (through: (key: SettingKey) => Outcome | null) => SETTING_KEYS.filter((key) => through(key) !== null);
    expect(reached((key) => throughThePane(key, ""))).toEqual(SETTING_KEYS.filter((k) => k !== "forecastMode" && k !== "weeksPerYear" && k !== "highCostCount" && k !== "childPopulation"));
    expect(reached((key) => throughTheCommandLine(key, ""))).toEqual(SETTING_KEYS.filter((k) => SETTINGS[k].flag !== undefined));
    expect(reached((key) => throughAFunction(key, ""))).toEqual(Object.keys(ARGUMENTS));
  });
});

describe("format and parse", () => {
  /** Values as the parse makes them, from the forms people type. */
  function valuesOf(key: SettingKey): fc.Arbitrary<unknown> {
    const setting: Setting<unknown> = SETTINGS[key];
    const { min = 0, max = 1e7 } = setting;
    switch (setting.kind) {
      case "percent":
        return fc.oneof(
          fc.integer({ min: Math.ceil(min * 10_000), max: Math.floor(max * 10_000) }).map((n) => `${n / 100}%`),
          fc.integer({ min: Math.ceil(min * 10_000), max: Math.floor(max * 10_000) }).map((n) => n / 10_000),
        ).map((input) => setting.parse(input)).filter((read) => read.ok).map((read) => (read as { value: unknown }).value);
      case "whole number":
        return fc.integer({ min, max });
      case "number":
        return fc.integer({ min: Math.ceil(min * 100), max: Math.floor(max * 100) }).map((n) => n / 100);
      case "date":
        return fc.integer({ min: dayFromYmd(1990, 1, 1), max: dayFromYmd(2090, 12, 31) });
      case "choice":
        return fc.constantFrom(...(setting.choices ?? []));
      case "list":
        return fc.oneof(
          fc.constantFrom("auto", "none"),
          fc.array(fc.stringMatching(/^[A-Za-z][A-Za-z £-]{0,20}[A-Za-z]$/), { minLength: 1, maxLength: 4 }).filter((names) => !names.some((n) => /^(auto|none)$/i.test(n))),
        );
    }
  }

  it.each(SETTING_KEYS)("%s: parse(format(v)) is v, and format is stable", (key) => {
    const setting: Setting<unknown> = SETTINGS[key];
    fc.assert(
      fc.property(valuesOf(key), (value) => {
        const shown = setting.format(value);
        expect(setting.parse(shown)).toEqual({ ok: true, value });
        expect(setting.format((setting.parse(shown) as { value: unknown }).value)).toBe(shown);
      }),
      { numRuns: 150 },
    );
  });

  it("writes percentages with their sign, so that the sheet's values never depend on the rule for bare numbers", () => {
    expect(SETTINGS.inflation.format(0.03)).toBe("3%");
    expect(SETTINGS.ragAmberPercent.format(0.015)).toBe("1.5%");
    expect(formatPercent(0.07)).toBe("7%");
    for (const key of SETTING_KEYS.filter((k) => SETTINGS[k].kind === "percent")) {
      const setting: Setting<number> = SETTINGS[key] as Setting<number>;
      // No percentage accepts ±100%, so refusing a bare 1 loses nothing a user could mean.
      expect([setting.min! > -1, setting.max! < 1]).toEqual([true, true]);
      if (setting.default !== undefined) expect(setting.parse(setting.format(setting.default))).toEqual({ ok: true, value: setting.default });
    }
  });
});

describe("the LAC Settings sheet", () => {
  function sheetRows(settings: Parameters<typeof settingsSheet>[0]): Cell[][] {
    return (settingsSheet(settings).blocks.find((b): b is TableBlock => b.kind === "table") as TableBlock).rows;
  }

  it("reads a workbook saved by the previous version with the meaning it had", () => {
    // The previous version wrote RAG thresholds as bare numbers of per cent under these names, and percentages with a % sign.
    const read = readSettings({
      headers: ["Setting", "Value", "Meaning"],
      rows: [
        ["RAG amber above % of budget", "0.5", null],
        ["RAG red above % of budget", "3", null],
        ["Forecast inflation", "3%", null],
        ["Forecast band", "90%", null],
        ["Forecast months", "36", null],
      ],
    });
    expect(read.issues).toEqual([]);
    expect(read.settings.rag).toEqual({ amberPercent: 0.5, redPercent: 3 });
    expect(read.settings.forecast).toEqual({ inflation: 0.03, bandLevel: 0.9, months: 36 });
    // Saved again, the thresholds go under the new names, with their sign, and read back the same.
    const rows = sheetRows(read.settings);
    expect(rows.find((r) => r[0] === "RAG amber above")?.[1]).toBe("0.5%");
    expect(rows.some((r) => String(r[0]).includes("% of budget"))).toBe(false);
    expect(readSettings({ headers: ["Setting", "Value", "Meaning"], rows }).settings.rag).toEqual({ amberPercent: 0.5, redPercent: 3 });
  });

  it("refuses an old threshold out of range with the setting's own message", () => {
    const read = readSettings({ headers: ["Setting", "Value"], rows: [["RAG red above % of budget", "40"]] });
    expect(read.issues.map((i) => i.reason)).toEqual(['RAG red above % of budget: "40%" is not from 0% to 20%; the default is used']);
    expect(read.settings.rag).toBeUndefined();
  });

  it("rejects settings that disagree together, and keeps the defaults for them", () => {
    const read = readSettings({
      headers: ["Setting", "Value"],
      rows: [
        ["RAG amber above", "6%"],
        ["RAG red above", "4%"],
        ["Forecast rates from", "2023-01-01"],
        ["Forecast rates to", "2022-01-01"],
        ["Costs period from", "2023-04-01"],
      ],
    });
    expect(read.issues.map((i) => [i.row, i.reason])).toEqual([
      [6, "Costs period from: give both days of the costs period, or neither for the financial year of the data; the default is used"],
      [4, "Forecast rates from: the rates window must end after it starts; the default is used"],
      [5, "Forecast rates to: the rates window must end after it starts; the default is used"],
      [2, "RAG amber above: Red must start at or above Amber; the default is used"],
      [3, "RAG red above: Red must start at or above Amber; the default is used"],
    ]);
    expect(read.rowsRejected).toBe(5);
    expect(read.settings).toEqual({});
  });

  it("keeps the variance's own default thresholds equal to the settings' defaults", () => {
    expect(DEFAULT_RAG_THRESHOLDS).toEqual({ amberPercent: 1, redPercent: 5 });
    expect(SETTINGS.ragAmberPercent.format(SETTINGS.ragAmberPercent.default)).toBe("1%");
  });

  it("says in its Meaning column what each setting accepts and what a blank means", () => {
    const meaning = sheetRows({}).find((r) => r[0] === "Forecast inflation")?.[2];
    expect(meaning).toMatch(/A percentage from -20% to 20%: 3%, 0.03 or 3\. Blank: none \(0%\)\.$/);
  });
});

describe("docs/reports.md", () => {
  it("lists every setting as the definitions say (paste the table below into docs/reports.md, Settings, if this fails)", () => {
    const readme = fs.readFileSync(path.join(__dirname, "../../docs/reports.md"), "utf8");
    const section = /<!-- settings-table -->\n([\s\S]*?)\n<!-- \/settings-table -->/.exec(readme);
    expect(section?.[1]).toBe(settingsMarkdownTable());
  });
});
