import * as fs from "fs";
import * as path from "path";
import { lac, removeFolder, temporaryFolder } from "./helpers";
import { parseCsv, writeCsv } from "../../src/workbook/csv";
import { sampleUnitCosts } from "../../src/engine/sample";

/** Public synthetic SSDA903 data kept beside the repository; the project must work without it. */
const SHARED = path.resolve(__dirname, "..", "..", "..", "shared", "data");
const present = fs.existsSync(path.join(SHARED, "ssda903-sf-sample")) && fs.existsSync(path.join(SHARED, "ssda903-d2i-fake"));
if (!present) console.log(`test/cli/sharedData.test.ts: skipped, ${SHARED} is absent`);
const describeShared = present ? describe : describe.skip;

describeShared("lac costs on public SSDA903 samples (no WEEKLY_COST: costed from the sample unit costs)", () => {
  let folder: string;
  let unitCosts: string;
  beforeAll(() => {
    folder = temporaryFolder();
    unitCosts = path.join(folder, "unit-costs.csv");
    const table = sampleUnitCosts();
    fs.writeFileSync(unitCosts, writeCsv([table.headers, ...table.rows]));
  });
  afterAll(() => removeFolder(folder));

  const dataset = (name: string, file: string) => path.join(SHARED, name, file);

  it("costs the Social Finance sample (ISO dates, three councils, repeated header rows reported)", async () => {
    const out = path.join(folder, "sf.csv");
    const run = await lac(
      "costs", "--episodes", dataset("ssda903-sf-sample", "episodes.csv"), "--children", dataset("ssda903-sf-sample", "header.csv"),
      "--uasc", dataset("ssda903-sf-sample", "uasc.csv"), "--unit-costs", unitCosts,
      "--from", "2020-04-01", "--to", "2021-03-31", "--out", out,
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const episodeLines = fs.readFileSync(dataset("ssda903-sf-sample", "episodes.csv"), "utf8").trim().split(/\r?\n/).length - 1;
    expect(run.stdout).toMatch(new RegExp(`Episodes\\s+${episodeLines.toLocaleString("en-GB")}\\s+`));
    expect(run.stdout).toMatch(/Children\s+[\d,]+\s+[\d,]+\s+[1-9][\d,]*\s+/);
    expect(run.stdout).toMatch(/appears again on row \d+: the later row is used/);
    const groups = parseCsv(fs.readFileSync(out, "utf8")).rows;
    const fostering = groups.find((row) => row[0] === "LA Foster Care");
    expect(fostering?.[6]).toBe("500");
    expect(groups.reduce((sum, row) => sum + Number(row[4]), 0)).toBeGreaterThan(0);
  });

  it("costs the data-to-insight validator data (dd/mm/yyyy), accounting for every row and reporting what it cannot cost", async () => {
    const issuesOut = path.join(folder, "d2i-issues.csv");
    const run = await lac(
      "costs", "--episodes", dataset("ssda903-d2i-fake", "episodes.csv"), "--children", dataset("ssda903-d2i-fake", "header.csv"),
      "--uasc", dataset("ssda903-d2i-fake", "uasc.csv"), "--unit-costs", unitCosts,
      "--from", "01/04/2017", "--to", "31/03/2018", "--issues-out", issuesOut,
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Grand total: £[1-9][\d,]* for/);
    // Hospital, temporary and health placements have no unit cost in the sample table.
    expect(run.stdout).toMatch(/Uncosted: [\d,]+ episodes, [\d,.]+ weeks, in the weeks but not in the £ totals: no WEEKLY_COST, no unit cost and no national figure for .*Hospital/);
    const episodeLines = fs.readFileSync(dataset("ssda903-d2i-fake", "episodes.csv"), "utf8").trim().split(/\r?\n/).length - 1;
    const [rowsIn, used, rejected] = (/Episodes\s+([\d,]+)\s+([\d,]+)\s+([\d,]+)/.exec(run.stdout) ?? [])
      .slice(1)
      .map((n) => Number(n.replace(/,/g, "")));
    expect(rowsIn).toBe(episodeLines);
    expect(used + rejected).toBe(rowsIn);
    const issues = parseCsv(fs.readFileSync(issuesOut, "utf8"));
    expect(new Set(issues.rows.filter((row) => row[0] === "Episodes" && row[3] === "rejected").map((row) => row[1])).size).toBe(rejected);
  });
});
