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

  it("costs the Social Finance sample (ISO dates, three councils, earlier years' header rows superseded)", async () => {
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
    // Several years of returns: each child's earlier header rows are superseded, not rejected.
    expect(run.stdout).toMatch(/Children\s+1,304\s+572\s+0\s+732\s+0/);
    expect(run.stdout).toMatch(/superseded by a later return\s+732/);
    expect(run.stdout).toMatch(/duplicate \(CHILD, DECOM\)\s+910/);
    const groups = parseCsv(fs.readFileSync(out, "utf8")).rows;
    const fostering = groups.find((row) => row[0] === "LA Foster Care");
    expect(fostering?.[6]).toBe("500");
    expect(groups.reduce((sum, row) => sum + Number(row[4]), 0)).toBeGreaterThan(0);
  });

  /**
   * An independent reading of "the cleaned episodes": the same episode in several returns counted
   * once, open or overlapping episodes ended at the child's next start, as a committee would count
   * children's days in care.
   */
  function cleanedChildDays(from: string, to: string): number {
    const rows = parseCsv(fs.readFileSync(dataset("ssda903-sf-sample", "episodes.csv"), "utf8"));
    const col = (name: string) => rows.headers.indexOf(name);
    const dayOf = (text: unknown) => (typeof text === "string" && text !== "" ? Date.parse(`${text}T00:00:00Z`) / 86_400_000 : null);
    const byChild = new Map<string, { start: number; end: number | null }[]>();
    for (const row of rows.rows) {
      const child = String(row[col("CHILD")]);
      const list = byChild.get(child) ?? [];
      list.push({ start: dayOf(row[col("DECOM")]) as number, end: dayOf(row[col("DEC")]) });
      byChild.set(child, list);
    }
    const first = dayOf(from) as number;
    const last = (dayOf(to) as number) + 1;
    let days = 0;
    for (const list of byChild.values()) {
      // One row per start (the latest end, an open one losing), then one per end (the earliest start).
      const byStart = new Map<number, number | null>();
      for (const e of list) {
        const seen = byStart.get(e.start);
        if (seen === undefined || (e.end !== null && (seen === null || e.end > seen))) byStart.set(e.start, e.end);
      }
      const sorted = [...byStart].map(([start, end]) => ({ start, end })).sort((a, b) => a.start - b.start || (a.end ?? -Infinity) - (b.end ?? -Infinity));
      const seenEnds = new Set<number | null>();
      const kept = sorted.filter((e) => (seenEnds.has(e.end) ? false : (seenEnds.add(e.end), true)));
      kept.forEach((e, i) => {
        const next = kept[i + 1];
        const end = next && (e.end === null || e.end > next.start) ? next.start : (e.end ?? Infinity);
        days += Math.max(0, Math.min(end, last) - Math.max(e.start, first));
      });
    }
    return days;
  }

  it.each([
    ["2020-04-01", "2021-03-31"],
    ["2021-04-01", "2022-03-31"],
  ])("counts each child's weeks in care once across stacked returns (%s to %s)", async (from, to) => {
    const run = await lac(
      "costs", "--episodes", dataset("ssda903-sf-sample", "episodes.csv"), "--children", dataset("ssda903-sf-sample", "header.csv"),
      "--unit-costs", unitCosts, "--from", from, "--to", to,
    );
    expect(run.code).toBe(0);
    // Every group's weeks count, costed or not: "for N weeks", or "for N costed weeks of M".
    const match = run.stdout.match(/Grand total: £[\d,]+ for ([\d,.]+) (?:weeks|costed weeks of ([\d,.]+))/);
    const total = Number((match?.[2] ?? match?.[1] ?? "0").replace(/,/g, ""));
    const expected = cleanedChildDays(from, to) / 7;
    expect(expected).toBeGreaterThan(1000);
    expect(Math.abs(total - expected) / expected).toBeLessThan(0.005);
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
