/**
 * One pipeline for every path (docs/pipeline.md): the same files give the same children, ages,
 * UASC flags and costs in `lac costs`, `lac forecast`, a refresh's sheets and the functions.
 */

import * as fs from "fs";
import * as path from "path";
import { dayFromYmd } from "../../src/engine/dates";
import { costSummary } from "../../src/functions/functions";
import { COSTS_TABLES } from "../../src/reports/costsReport";
import { refreshReports } from "../../src/reports/refresh";
import { parseCsv, writeCsv } from "../../src/workbook/csv";
import { FakeWorkbook, tableOf } from "../reports/fakeWorkbook";
import { lac, removeFolder, temporaryFolder } from "./helpers";

const EPISODES = [
  ["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC", "WEEKLY_COST", "YEAR"],
  // Child B's episode in the 2023 return (open) and again in the 2024 return (still open): one episode.
  ["B", "2023-05-01", "S", "C2", "N1", "U4", "PR1", "", "", "700", "2023"],
  ["B", "2023-05-01", "S", "C2", "N1", "U4", "PR1", "", "", "700", "2024"],
  ["C", "2022-01-10", "S", "C2", "N1", "U4", "PR1", "2023-06-30", "E4A", "700", "2023"],
  ["D", "2021-01-10", "S", "C2", "N1", "U4", "PR1", "", "", "700", "2024"],
];

/** B's header row in each return: the 2024 return corrects the date of birth and flags UASC. */
const HEADER = [
  ["CHILD", "SEX", "DOB", "ETHNIC", "UASC", "YEAR"],
  ["B", "1", "2012-02-01", "WBRI", "", "2023"],
  ["C", "2", "2010-01-15", "WBRI", "", "2023"],
  ["D", "2", "2011-01-15", "WBRI", "", "2024"],
  ["B", "1", "2006-02-01", "WBRI", "Y", "2024"],
];

describe("the same files through every path", () => {
  let folder: string;
  const file = (name: string) => path.join(folder, name);
  beforeAll(() => {
    folder = temporaryFolder();
    fs.writeFileSync(file("episodes.csv"), writeCsv(EPISODES));
    fs.writeFileSync(file("header.csv"), writeCsv(HEADER));
  });
  afterAll(() => removeFolder(folder));
  const inputs = () => ["--episodes", file("episodes.csv"), "--children", file("header.csv")];

  it("lac costs takes each child's latest return: B is 17 and UASC, costed once", async () => {
    const run = await lac("costs", ...inputs(), "--from", "2024-01-01", "--to", "2024-01-31");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\s*17\s+UASC only\s+£3,100\s+4\.4\s/m);
    // B's episode is in two returns: costed once (31 days at £700 a week, with D's).
    expect(run.stdout).toContain("Grand total: £6,200 for 8.9 weeks");
  });

  it("lac forecast puts B in the 16 to 18+ band at the start, from the same header row", async () => {
    const run = await lac("forecast", ...inputs(), "--start", "2024-01-31", "--months", "1", "--out", file("forecast.csv"));
    expect(run.stderr).toBe("");
    const rows = parseCsv(fs.readFileSync(file("forecast.csv"), "utf8")).rows.filter((r) => r[0] === "2024-01-31" && Number(r[2]) > 0);
    expect(rows.map((r) => [r[1], Number(r[2])])).toEqual([
      ["10 to 16 - Fostering", 1],
      ["16 to 18+ - Fostering", 1],
    ]);
    expect(run.stdout).toMatch(/1 UASC children|UASC/);
  });

  it("a refresh's LAC Costs shows the same ages and needs as lac costs", async () => {
    const table = (rows: string[][]) => ({ headers: rows[0], rows: rows.slice(1) });
    const book = new FakeWorkbook().addTable("Data", "Episodes", table(EPISODES)).addTable("Header", "Children", table(HEADER));
    await refreshReports(book, { period: { start: dayFromYmd(2024, 1, 1), end: dayFromYmd(2024, 1, 31) } });
    const byAge = tableOf(book.reports.get("LAC Costs"), COSTS_TABLES.byAgeAndNeeds);
    // D turns 13 on 15 January; B is 17 and UASC from the 2024 return, as in lac costs.
    expect(byAge.rows.map((r) => [r[0], r[1]])).toEqual([
      [12, "None"],
      [13, "None"],
      [17, "UASC only"],
    ]);
  });

  it("LAC.COSTSUMMARY costs B's episode once, as lac costs does", () => {
    const grid = costSummary(EPISODES, HEADER, [[45292]], [[45322]]);
    const all = grid.find((row) => row[0] === "All placement types");
    expect(all?.slice(1, 3)).toEqual([expect.closeTo(6200, 6), expect.closeTo(62 / 7, 9)]);
  });
});

describe("the forecast's cost and the costs of the same month", () => {
  let folder: string;
  const file = (name: string) => path.join(folder, name);
  beforeAll(async () => {
    folder = temporaryFolder();
    const made = await lac("sample", "--children", "600", "--seed", "11", "--end", "2023-11-30", "--out", folder);
    expect(made.code).toBe(0);
  });
  afterAll(() => removeFolder(folder));

  const data = () => ["--episodes", file("episodes.csv"), "--children", file("header.csv"), "--unit-costs", file("unit-costs.csv")];

  it("agree within 5% for the first month after the data (default mode, costed by placement group)", async () => {
    const forecast = await lac("forecast", ...data(), "--costs-out", file("costs-default.csv"));
    expect(forecast.code).toBe(0);
    const monthly = parseCsv(fs.readFileSync(file("costs-default.csv"), "utf8"));
    expect(monthly.headers).toEqual(["month", "item", "cost"]);
    const december = monthly.rows.filter((r) => r[0] === "2023-12").reduce((sum, r) => sum + Number(r[2]), 0);
    const costs = await lac("costs", ...data(), "--from", "2023-12-01", "--to", "2023-12-31");
    const total = Number(costs.stdout.match(/Grand total: £([\d,]+)/)?.[1].replace(/,/g, ""));
    expect(total).toBeGreaterThan(100_000);
    expect(Math.abs(december - total) / total).toBeLessThan(0.05);
    expect(monthly.rows.some((r) => /Foster Care/.test(String(r[1])))).toBe(true);
  });

  it("writes the same columns in reference mode, with the open model's own cost items", async () => {
    const forecast = await lac("forecast", ...data(), "--mode", "reference", "--costs-out", file("costs-reference.csv"));
    expect(forecast.code).toBe(0);
    const monthly = parseCsv(fs.readFileSync(file("costs-reference.csv"), "utf8"));
    expect(monthly.headers).toEqual(["month", "item", "cost"]);
    expect(monthly.rows.filter((r) => r[0] === "2023-12").reduce((sum, r) => sum + Number(r[2]), 0)).toBeGreaterThan(0);
  });
});
