import fc from "fast-check";
import { dayFromYmd, formatIsoDate, formatUkDate } from "../../src/engine/dates";
import { ReportSettings, readSettings, settingsSheet } from "../../src/reports/settings";
import { Table } from "../../src/engine/table";
import type { TableBlock } from "../../src/workbook/spec";
import {
  applyBudgetForm,
  applyCostsForm,
  applyForecastForm,
  budgetFormOf,
  costsFormOf,
  forecastFormOf,
  ForecastForm,
} from "../../src/taskpane/settingsForms";

/** The settings as the refresh reads them back from the LAC Settings sheet the pane saves. */
function throughTheSheet(settings: ReportSettings): ReportSettings {
  const block = settingsSheet(settings).blocks.find((b): b is TableBlock => b.kind === "table") as TableBlock;
  const table: Table = { headers: block.columns.map((c) => c.header), rows: block.rows, firstRowNumber: 4 };
  const read = readSettings(table);
  expect(read.issues).toEqual([]);
  return read.settings;
}

function ok<F>(result: { ok: true; settings: ReportSettings } | { ok: false; errors: Partial<Record<keyof F, string>> }): ReportSettings {
  if (!result.ok) throw new Error(`expected the form to be accepted: ${JSON.stringify(result.errors)}`);
  return result.settings;
}

const BLANK_FORECAST: ForecastForm = { mode: "default", ratesFrom: "", ratesTo: "", start: "", months: "", target: "", inflation: "", band: "" };

describe("the Costs form", () => {
  it("saves a period both ways round the sheet, and blank dates as the default", () => {
    const saved = ok(applyCostsForm({ sources: { Episodes: "Data" } }, { from: "2023-04-01", to: "2024-03-31" }));
    expect(saved.period).toEqual({ start: dayFromYmd(2023, 4, 1), end: dayFromYmd(2024, 3, 31) });
    expect(saved.sources).toEqual({ Episodes: "Data" });
    expect(throughTheSheet(saved).period).toEqual(saved.period);
    expect(ok(applyCostsForm(saved, { from: "", to: "" })).period).toBeUndefined();
  });

  it("asks for both days, in order", () => {
    expect(applyCostsForm({}, { from: "2023-04-01", to: "" })).toEqual({ ok: false, errors: { to: expect.stringMatching(/both days/) } });
    expect(applyCostsForm({}, { from: "2024-04-01", to: "2024-03-31" })).toEqual({ ok: false, errors: { to: "the costs period's last day must not be before its first" } });
    expect(applyCostsForm({}, { from: "31/02/2024", to: "2024-03-31" })).toEqual({ ok: false, errors: { from: expect.stringMatching(/not a real date/) } });
  });

  it("shows the saved period in UK order (dd/mm/yyyy), typed either way, for any period", () => {
    fc.assert(
      fc.property(fc.integer({ min: dayFromYmd(1990, 1, 1), max: dayFromYmd(2090, 1, 1) }), fc.integer({ min: 0, max: 4000 }), (start, length) => {
        const shown = { from: formatUkDate(start), to: formatUkDate(start + length) };
        expect(costsFormOf(ok(applyCostsForm({}, shown)))).toEqual(shown);
        expect(costsFormOf(ok(applyCostsForm({}, { from: formatIsoDate(start), to: formatIsoDate(start + length) })))).toEqual(shown);
      }),
      { numRuns: 200 },
    );
  });
});

describe("the Forecast form", () => {
  it("reads each field as the settings sheet would, and the refresh reads back what was saved", () => {
    const form: ForecastForm = {
      mode: "reference",
      ratesFrom: "01/04/2020",
      ratesTo: "31/03/2023",
      start: "01/04/2023",
      months: "36",
      target: "400",
      inflation: "3",
      band: "90%",
    };
    const saved = ok(applyForecastForm({}, form));
    expect(saved.forecast).toEqual({
      mode: "reference",
      referenceStart: dayFromYmd(2020, 4, 1),
      referenceEnd: dayFromYmd(2023, 3, 31),
      start: dayFromYmd(2023, 4, 1),
      months: 36,
      target: 400,
      inflation: 0.03,
      bandLevel: 0.9,
    });
    expect(throughTheSheet(saved).forecast).toEqual(saved.forecast);
    expect(forecastFormOf(saved)).toEqual({ ...form, inflation: "3%", band: "90%" });
  });

  it("leaves blank fields and the default model out, so the defaults apply", () => {
    expect(ok(applyForecastForm({ forecast: { target: 400, months: 12 } }, BLANK_FORECAST)).forecast).toEqual({});
  });

  it("says what to type in each field it cannot read", () => {
    const result = applyForecastForm({}, { ...BLANK_FORECAST, months: "1.5", target: "-3", inflation: "0.5", band: "100", ratesFrom: "2023-01-01", ratesTo: "2022-01-01" });
    expect(result).toEqual({
      ok: false,
      errors: {
        months: '"1.5" is not a whole number of months from 1 to 1,200',
        target: '"-3" is not a number of children from 0 to 1,000,000',
        inflation: '"0.5" is read as 50% (a number below 1 is a fraction, as a percentage cell holds it), which is not from -20% to 20%: for 0.5% write "0.5%"',
        band: '"100" is read as 100%, which is not from 50% to 99.9%',
        ratesTo: "the rates window must end after it starts",
      },
    });
  });
});

describe("the Budget form", () => {
  it("fills a threshold left blank with its default, and saves named engine lines", () => {
    const saved = ok(applyBudgetForm({}, { amberPercent: "", redPercent: "10", amberAmount: "50,000", redAmount: "", engineLines: "named", lineNames: "Placements; Leaving care ;" }));
    expect(saved.rag).toEqual({ amberPercent: 1, redPercent: 10, amberAmount: 50_000 });
    expect(saved.engineLines).toEqual(["Placements", "Leaving care"]);
    const back = throughTheSheet(saved);
    expect(back.rag).toEqual(saved.rag);
    expect(back.engineLines).toEqual(saved.engineLines);
    expect(budgetFormOf(saved)).toEqual({ amberPercent: "1%", redPercent: "10%", amberAmount: "50000", redAmount: "", engineLines: "named", lineNames: "Placements; Leaving care" });
  });

  it("clears thresholds and engine lines back to the defaults", () => {
    const saved = ok(applyBudgetForm({ rag: { amberPercent: 2, redPercent: 4 }, engineLines: "none" }, { amberPercent: "", redPercent: "", amberAmount: "", redAmount: "", engineLines: "auto", lineNames: "" }));
    expect(saved).toEqual({});
  });

  it("refuses Red below Amber and a named choice with no names", () => {
    expect(applyBudgetForm({}, { amberPercent: "5", redPercent: "2", amberAmount: "", redAmount: "", engineLines: "named", lineNames: " ; " })).toEqual({
      ok: false,
      errors: { redPercent: "Red must start at or above Amber", lineNames: 'name at least one budget line, separated by ";"' },
    });
  });
});
