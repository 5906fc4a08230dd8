import * as fs from "fs";
import * as path from "path";
import { lac, removeFolder, temporaryFolder } from "./helpers";
import { parseCsv } from "../../src/workbook/csv";

/** Public synthetic SSDA903 data kept beside the repository; the project must work without it. */
const SHARED = path.resolve(__dirname, "..", "..", "..", "shared", "data");
const present = fs.existsSync(path.join(SHARED, "ssda903-sf-sample")) && fs.existsSync(path.join(SHARED, "ssda903-d2i-fake"));
if (!present) console.log(`test/cli/nationalCostsShared.test.ts: skipped, ${SHARED} is absent`);
const describeShared = present ? describe : describe.skip;

describeShared("lac costs on a raw SSDA903 return, with no costs given: costed from the national unit costs", () => {
  let folder: string;
  beforeAll(() => (folder = temporaryFolder()));
  afterAll(() => removeFolder(folder));

  const cases = [
    { name: "ssda903-sf-sample", from: "2020-04-01", to: "2021-03-31" },
    { name: "ssda903-d2i-fake", from: "2017-04-01", to: "2018-03-31" },
  ];

  it.each(cases)("$name: a non-zero total, every group with its weeks, and the national share", async ({ name, from, to }) => {
    const out = path.join(folder, `${name}.csv`);
    const file = (f: string) => path.join(SHARED, name, f);
    const run = await lac("costs", "--episodes", file("episodes.csv"), "--children", file("header.csv"), "--from", from, "--to", to, "--out", out);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const grand = Number(/Grand total: £([\d,]+)/.exec(run.stdout)?.[1].replace(/,/g, ""));
    expect(grand).toBeGreaterThan(0);
    // No WEEKLY_COST and no unit costs: everything costed is a national estimate, and the output says so.
    expect(run.stdout).toMatch(/Costed from national unit costs: £[\d,]+ \(100\.0% of the total\) for [\d,.]+ weeks/);
    const rows = parseCsv(fs.readFileSync(out, "utf8")).rows;
    const weeks = rows.reduce((sum, row) => sum + Number(row[5]), 0);
    const printedWeeks = Number(/ costed weeks of ([\d,.]+)/.exec(run.stdout)?.[1].replace(/,/g, ""));
    expect(Math.abs(weeks - printedWeeks)).toBeLessThan(0.01 * rows.length + 0.1);
    // Every group is listed, costed or not; the uncosted ones with a blank total and their weeks.
    expect(rows.some((row) => row[4] === null && Number(row[5]) > 0)).toBe(true);
    expect(rows.every((row) => Number(row[7]) > 0)).toBe(true);
    const episodesInPeriod = Number(/([\d,]+) with days in the period/.exec(run.stdout)?.[1].replace(/,/g, ""));
    expect(rows.reduce((sum, row) => sum + Number(row[7]), 0)).toBe(episodesInPeriod);
  });
});
