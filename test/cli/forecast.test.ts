import * as fs from "fs";
import * as path from "path";
import { parseCsv, writeCsv } from "../../src/workbook/csv";
import { lac, removeFolder, temporaryFolder } from "./helpers";

/** The hand-worked children of test/engine/forecast/handWorked.test.ts, as CSV files. */
const EPISODES = [
  ["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC", "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"],
  ["A", "2019-06-01", "S", "C2", "N1", "U4", "PR1", "2020-01-05", "E11", "", "", "", ""],
  ["B", "2019-06-01", "S", "C2", "N1", "U4", "PR1", "2020-01-04", "X1", "", "", "", ""],
  ["B", "2020-01-04", "P", "C2", "N1", "K2", "PR1", "", "", "", "", "", ""],
  ["C", "07/01/2020", "S", "C2", "N1", "U5", "PR1", "", "", "", "", "", ""],
  ["D", "2019-01-01", "S", "C2", "N1", "P1", "PR0", "2019-12-01", "E13", "", "", "", ""],
];
/** Child A appears twice: the 2020 return's row (the right DOB) comes first in the file. */
const HEADER = [
  ["CHILD", "SEX", "DOB", "ETHNIC", "YEAR"],
  ["A", "1", "2013-01-15", "WBRI", "2020"],
  ["A", "1", "2001-01-01", "WBRI", "2019"],
  ["B", "1", "2013-01-15", "WBRI", "2020"],
  ["C", "2", "2013-01-15", "WBRI", "2020"],
  ["D", "2", "2013-01-15", "WBRI", "2020"],
];
const WINDOW = ["--reference-start", "2020-01-01", "--reference-end", "2020-01-10", "--start", "2020-01-31", "--months", "1"];

describe("lac forecast", () => {
  let folder: string;
  const file = (name: string) => path.join(folder, name);
  beforeAll(() => {
    folder = temporaryFolder();
    fs.writeFileSync(file("episodes.csv"), writeCsv(EPISODES));
    fs.writeFileSync(file("header.csv"), writeCsv(HEADER));
    fs.writeFileSync(
      file("unit-costs.csv"),
      writeCsv([
        ["TYPE", "PROVIDED", "WEEKLY_COST"],
        ["Foster care", "LA", "700"],
        ["Residential", "LA", "3500"],
      ]),
    );
    fs.writeFileSync(
      file("no-flows.csv"),
      writeCsv([
        ["KIND", "FROM", "TO", "MULTIPLY"],
        ...["Returned home", "Adopted", "Special guardianship / CAO", "Aged out / independent living", "Other"].map((route) => ["transition", "*", route, "0"]),
        ["entry", "", "*", "0"],
      ]),
    );
  });
  afterAll(() => removeFolder(folder));
  const inputs = () => ["--episodes", file("episodes.csv"), "--children", file("header.csv")];

  it("prints the totals, the band and the cleaning report, and writes the three CSV files", async () => {
    const run = await lac(
      "forecast", ...inputs(), ...WINDOW, "--mode", "reference",
      "--out", file("forecast.csv"), "--rates-out", file("rates.csv"), "--entries-out", file("entries.csv"),
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/LAC forecast, reference mode/);
    expect(run.stdout).toMatch(/31\/01\/2020\s+start\s+2\.0\s+2\.0 to 2\.0/);
    expect(run.stdout).toMatch(/superseded by a later return\s+1\s/);
    expect(run.stdout).toMatch(/continuing episode merged\s+0\s/);

    const forecast = parseCsv(fs.readFileSync(file("forecast.csv"), "utf8"));
    expect(forecast.headers).toEqual(["date", "state", "population", "variance"]);
    // start, 1 February, and the horizon's last day (29 February), 25 states each
    expect(forecast.rows).toHaveLength(3 * 25);
    const row = forecast.rows.find((r) => r[0] === "2020-02-01" && r[1] === "5 to 10 - Fostering");
    expect(Number(row?.[2])).toBeCloseTo(13 / 16 + 1 / 10, 12);

    const rates = parseCsv(fs.readFileSync(file("rates.csv"), "utf8"));
    expect(rates.headers).toEqual(["from", "to", "rate"]);
    expect(Number(rates.rows.find((r) => r[0] === "5 to 10 - Fostering" && r[1] === "5 to 10 - Residential")?.[2])).toBeCloseTo(1 / 16, 12);
    const entries = parseCsv(fs.readFileSync(file("entries.csv"), "utf8"));
    expect(entries.headers).toEqual(["state", "daily_rate"]);
    expect(Number(entries.rows.find((r) => r[0] === "5 to 10 - Fostering")?.[1])).toBeCloseTo(1 / 10, 12);
  });

  it("uses the header row of the latest YEAR (a child born in 2001 would be in another band)", async () => {
    const run = await lac("forecast", ...inputs(), ...WINDOW, "--mode", "reference", "--rates-out", file("rates2.csv"));
    const rates = parseCsv(fs.readFileSync(file("rates2.csv"), "utf8"));
    // With the 2019 row's DOB, A would leave care from "16 to 18+"; with the 2020 row's, from "5 to 10".
    expect(Number(rates.rows.find((r) => r[0] === "5 to 10 - Fostering" && r[1] === "5 to 10 - Not in care")?.[2])).toBeCloseTo(1 / 8, 12);
    expect(rates.rows.some((r) => String(r[0]).startsWith("16 to 18+") && r[0] !== r[1])).toBe(false);
    expect(run.code).toBe(0);
  });

  it("costs the forecast per financial year, with a target date", async () => {
    const run = await lac("forecast", ...inputs(), ...WINDOW, "--months", "14", "--unit-costs", file("unit-costs.csv"), "--inflation", "3%", "--target", "2.5");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/LAC forecast, default mode/);
    expect(run.stdout).toMatch(/Cost per financial year \(inflation 3% a year\)/);
    expect(run.stdout).toMatch(/2019-20 \(part\)\s+£[\d,]+/);
    expect(run.stdout).toMatch(/2020-21\s+£[\d,]+/);
    expect(run.stdout).toMatch(/Target (reached on \d\d\/\d\d\/\d{4}|: not reached within the horizon)/);
  });

  it("applies rate adjustments from a CSV: with no exits and no entries the total stays at 2", async () => {
    const run = await lac("forecast", ...inputs(), ...WINDOW, "--months", "12", "--adjustments", file("no-flows.csv"));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\+12 months\s+2\.0\s/);
  });

  it("writes the open model's costs by month and item in reference mode, at its default or the given weekly costs", async () => {
    fs.writeFileSync(file("item-costs.csv"), writeCsv([["ITEM", "WEEKLY_COST"], ["Residential (In-house)", "7000"]]));
    const byDefault = await lac("forecast", ...inputs(), ...WINDOW, "--mode", "reference", "--costs-out", file("costs.csv"));
    expect(byDefault.code).toBe(0);
    const given = await lac("forecast", ...inputs(), ...WINDOW, "--mode", "reference", "--item-costs", file("item-costs.csv"), "--costs-out", file("costs2.csv"));
    expect(given.code).toBe(0);
    const costs = parseCsv(fs.readFileSync(file("costs.csv"), "utf8"));
    expect(costs.headers).toEqual(["month", "item", "cost"]);
    // The horizon is February 2020; nine items.
    expect(costs.rows.map((r) => r[0])).toEqual(Array(9).fill("2020-02"));
    const residential = (table: typeof costs) => Number(table.rows.find((r) => r[1] === "Residential (In-house)")?.[2]);
    const givenCosts = parseCsv(fs.readFileSync(file("costs2.csv"), "utf8"));
    expect(residential(costs)).toBeGreaterThan(0);
    expect(residential(givenCosts) / residential(costs)).toBeCloseTo(7, 12);
    expect(Number(givenCosts.rows.find((r) => r[1] === "Fostering (In-house)")?.[2])).toBe(Number(costs.rows.find((r) => r[1] === "Fostering (In-house)")?.[2]));
  });

  it("takes the data start from --data-start, else from the episodes' YEAR column", async () => {
    const given = await lac("forecast", ...inputs(), ...WINDOW, "--mode", "reference", "--data-start", "2018-04-01");
    expect(given.stdout).toMatch(/data from 01\/04\/2018/);
    const withYear = [[...EPISODES[0], "YEAR"], ...EPISODES.slice(1).map((row, i) => [...row, i === 0 ? "2019" : "2020"])];
    fs.writeFileSync(file("episodes-year.csv"), writeCsv(withYear));
    const fromYear = await lac("forecast", "--episodes", file("episodes-year.csv"), "--children", file("header.csv"), ...WINDOW, "--mode", "reference");
    expect(fromYear.stdout).toMatch(/data from 01\/04\/2018/);
    const without = await lac("forecast", ...inputs(), ...WINDOW, "--mode", "reference");
    // D's DEC (1 December 2019) is the first recorded: the first return starts on 1 April 2019.
    expect(without.stdout).toMatch(/data from 01\/04\/2019/);
  });

  it("says what is wrong with the command line or the data, without a stack trace", async () => {
    const badMode = await lac("forecast", ...inputs(), "--mode", "fancy");
    expect(badMode.code).toBe(2);
    expect(badMode.stderr).toMatch(/--mode: "fancy" is not default or reference/);
    const reversed = await lac("forecast", ...inputs(), "--reference-start", "2020-01-10", "--reference-end", "2020-01-01");
    expect(reversed.code).toBe(1);
    expect(reversed.stderr).toMatch(/must end after it starts/);
    const missing = await lac("forecast", "--episodes", file("nope.csv"), "--children", file("header.csv"));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.csv: no such file/);
    const badBand = await lac("forecast", ...inputs(), "--band", "2");
    expect(badBand.code).toBe(2);
    expect(badBand.stderr).toMatch(/--band/);
    fs.writeFileSync(file("bad-items.csv"), writeCsv([["ITEM", "WEEKLY_COST"], ["Kinship care", "100"]]));
    const badItem = await lac("forecast", ...inputs(), "--mode", "reference", "--item-costs", file("bad-items.csv"));
    expect(badItem.code).toBe(1);
    expect(badItem.stderr).toMatch(/bad-items\.csv: row 2: "Kinship care" is not a cost item/);
  });
});

describe("lac backtest", () => {
  let folder: string;
  beforeAll(() => {
    folder = temporaryFolder();
    fs.writeFileSync(
      path.join(folder, "episodes.csv"),
      writeCsv([
        ["CHILD", "DECOM", "RNE", "PLACE", "PLACE_PROVIDER", "DEC", "REC"],
        ["A", "2018-01-01", "S", "U4", "PR1", "2020-06-01", "E11"],
        ["B", "2018-01-01", "S", "U4", "PR1", "", ""],
        ["C", "2019-01-01", "S", "U4", "PR1", "2019-07-01", "E4A"],
        ["D", "2020-03-01", "S", "U4", "PR1", "", ""],
      ]),
    );
    fs.writeFileSync(path.join(folder, "header.csv"), writeCsv([["CHILD", "DOB"], ...["A", "B", "C", "D"].map((c) => [c, "2010-01-01"])]));
  });
  afterAll(() => removeFolder(folder));

  it("prints the error of both modes side by side", async () => {
    const run = await lac(
      "backtest", "--episodes", path.join(folder, "episodes.csv"), "--children", path.join(folder, "header.csv"), "--cutoff", "2020-01-31", "--months", "6",
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/reference mode\s+default mode/);
    expect(run.stdout).toMatch(/Total in care\s+\d+\.\d%\s+\d+\.\d%/);
    expect(run.stdout).toMatch(/01\/03\/2020\s+3\.0\s+/);
  });

  it("without a cut-off, backtests from every cut-off the data allows and writes one row per cut-off and mode", async () => {
    const out = path.join(folder, "backtest.csv");
    const run = await lac("backtest", "--episodes", path.join(folder, "episodes.csv"), "--children", path.join(folder, "header.csv"), "--out", out);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    // The first return starts on 1 April 2019 (C's DEC): cut-offs every 3 months from 30 June 2019 while a month follows in the data.
    expect(run.stdout).toMatch(/Left out: the cut-off 30\/06\/2019, the reference window/);
    expect(run.stdout).toMatch(/^reference mode: mean error of the monthly total \d+\.\d% over 18 months from 3 cut-offs/m);
    expect(run.stdout).toMatch(/^default mode: mean error of the monthly total \d+\.\d% over 18 months from 3 cut-offs/m);
    const table = parseCsv(fs.readFileSync(out, "utf8"));
    expect(table.headers.slice(0, 8)).toEqual(["cutoff", "mode", "window", "window_months", "horizon_months", "months_compared", "mape_total", "coverage"]);
    expect(table.rows.map((r) => `${r[0]} ${r[1]}`)).toEqual([
      "2019-09-30 reference", "2019-09-30 default", "2019-12-31 reference", "2019-12-31 default", "2020-03-31 reference", "2020-03-31 default",
    ]);
    expect(table.rows.map((r) => Number(r[5]))).toEqual([9, 9, 6, 6, 3, 3]);
    // The reference mode's window is the open model's three years.
    expect(table.rows.filter((r) => r[1] === "reference").map((r) => r[3])).toEqual(["36", "36", "36"]);
    const again = await lac("backtest", "--episodes", path.join(folder, "episodes.csv"), "--children", path.join(folder, "header.csv"), "--out", out);
    expect(again.code).toBe(2);
  });
});
