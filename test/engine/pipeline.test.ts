import { dayFromYmd } from "../../src/engine/dates";
import { runForecast } from "../../src/engine/forecast";
import { buildEpisodeLedger } from "../../src/engine/ledger";
import { latestReturnOnly, runPipeline, runPipelineOnBatches, sourcesOf } from "../../src/engine/pipeline";
import { runEngine } from "../../src/engine/run";
import { summariseCosts } from "../../src/engine/summaries";
import { Table } from "../../src/engine/table";
import { anEpisode } from "./builders";

const day = (iso: string) => {
  const [y, m, d] = iso.split("-").map(Number);
  return dayFromYmd(y, m, d);
};

const EPISODE_HEADERS = ["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC", "WEEKLY_COST", "YEAR"];

/** Two years of returns stacked: the 2023 return has child A's episode open; the 2024 return has it closed and the next one. */
const STACKED: Table = {
  headers: EPISODE_HEADERS,
  rows: [
    ["A", "2022-06-01", "S", "C2", "N1", "U4", "PR1", "", "", 500, 2023],
    ["B", "2022-09-01", "S", "C2", "N1", "K2", "PR4", "", "", 4000, 2023],
    ["A", "2022-06-01", "S", "C2", "N1", "U4", "PR1", "2023-05-01", "E4A", 500, 2024],
    ["A", "2023-08-01", "S", "C2", "N1", "U5", "PR4", "", "", 900, 2024],
    ["B", "2022-09-01", "S", "C2", "N1", "K2", "PR4", "", "", 4000, 2024],
  ],
};

/** Each child's header row in each return: B's date of birth was corrected in the later return. */
const HEADERS: Table = {
  headers: ["CHILD", "SEX", "DOB", "ETHNIC", "UASC", "YEAR"],
  rows: [
    ["A", "1", "2010-03-01", "WBRI", "", 2023],
    ["B", "2", "2012-01-01", "WBRI", "", 2023],
    ["A", "1", "2010-03-01", "WBRI", "", 2024],
    ["B", "2", "2008-07-15", "WBRI", "Y", 2024],
  ],
};

describe("a large return's notes", () => {
  it("notes a placement code no collection year lists on every one of 150,000 rows, where one call could not take them all", () => {
    const rows = Array.from({ length: 150_000 }, (_, i) => [`C${i}`, "2023-06-01", "S", "C2", "N1", "ZZ", "PR1", "", "", 500, 2024]);
    const inputs = runPipeline(sourcesOf({ Episodes: { headers: EPISODE_HEADERS, rows } }));
    const notes = inputs.issues.filter((issue) => issue.column === "PLACE" && issue.action === "noted");
    expect(notes).toHaveLength(150_000);
    expect(notes[149_999]).toMatchObject({ row: 150_001, reason: expect.stringContaining('PLACE "ZZ" is not an SSDA903 placement code') });
  });
});

describe("the budget lines the engine forecasts", () => {
  const budget: Table = {
    headers: ["LINE", "BUDGET", "ACTUAL", "FORECAST"],
    rows: [
      ["Residential placements", 1_000_000, 400_000, null],
      ["Fostering placements", 800_000, 300_000, 790_000],
      ["Leaving care", 200_000, 90_000, null],
      ["Staffing", 500_000, 250_000, 510_000],
    ],
  };
  const read = (engineLines?: "auto" | "none" | string[]) => runPipeline(sourcesOf({ Episodes: STACKED, Children: HEADERS, Budget: budget }), { engineLines });

  it.each([
    [undefined, ["Residential placements", "Fostering placements"], ["Leaving care"]],
    ["none" as const, [], ["Residential placements", "Leaving care"]],
    [["leaving care", "Staffing"], ["Leaving care", "Staffing"], ["Residential placements"]],
  ])("with the setting %j, are %j, and only other lines without a forecast are rejected (%j)", (setting, engineLines, rejected) => {
    const inputs = read(setting);
    expect(inputs.engineForecastLines).toEqual(engineLines);
    const rejectedLines = inputs.issues.filter((issue) => issue.table === "Budget" && issue.action === "rejected").map((issue) => budget.rows[issue.row - 2][0]);
    expect(rejectedLines).toEqual(rejected);
    expect(inputs.budget?.map((line) => line.line)).toEqual(budget.rows.map((row) => row[0]).filter((line) => !rejected.includes(line as string)));
  });
});

describe("the episode ledger", () => {
  it("counts an episode repeated in several returns once, keeping the return that closed it", () => {
    const inputs = runPipeline(sourcesOf({ Episodes: STACKED, Children: HEADERS }));
    const { episodes, rules } = inputs.ledger;
    expect(episodes.map((e) => [e.child, e.start, e.end])).toEqual([
      ["A", day("2022-06-01"), day("2023-05-01")],
      ["A", day("2023-08-01"), null],
      ["B", day("2022-09-01"), null],
    ]);
    const byRule = Object.fromEntries(rules.map((r) => [r.rule, r]));
    // Rows as the user sees them: the header is row 1.
    expect(byRule["duplicate (CHILD, DECOM)"]).toMatchObject({ rowsTouched: 2, rows: [2, 3] });
    expect(byRule["superseded by a later return"]).toMatchObject({ rowsTouched: 2, rows: [2, 3] });
  });

  it("ends an open episode on the child's next start, and keeps the DEC the return recorded", () => {
    const ledger = buildEpisodeLedger(
      [anEpisode({ child: "C", start: day("2023-01-01"), end: null }), anEpisode({ child: "C", start: day("2023-03-01"), end: day("2023-09-01"), place: "K2" })],
      [],
    );
    expect(ledger.episodes.map((e) => [e.start, e.end, e.recordedEnd])).toEqual([
      [day("2023-01-01"), day("2023-03-01"), null],
      [day("2023-03-01"), day("2023-09-01"), undefined],
    ]);
    expect(ledger.rules.find((r) => r.rule === "ended at next DECOM")?.rowsTouched).toBe(1);
  });

  it("leaves a ledger as it is when combined again", () => {
    const once = runPipeline(sourcesOf({ Episodes: STACKED, Children: HEADERS })).ledger;
    const twice = buildEpisodeLedger(once.episodes, once.children);
    expect(twice.episodes).toEqual(once.episodes);
    expect(twice.rules.every((r) => r.rowsTouched === 0)).toBe(true);
  });

  it("costs the combined episodes: the same weeks as the episodes hold, not once per return", () => {
    const inputs = runPipeline(sourcesOf({ Episodes: STACKED, Children: HEADERS }));
    const period = { start: day("2023-04-01"), end: day("2024-03-31") };
    const summaries = summariseCosts({ episodes: inputs.ledger.episodes, children: inputs.ledger.children, period });
    // A: 1 April to 1 May (30 days), then 1 August to 31 March (244 days); B: the whole year (366 days).
    expect(summaries.total.weeks).toBeCloseTo((30 + 244 + 366) / 7, 9);
    expect(summaries.total.total).toBeCloseTo((30 * 500 + 244 * 900 + 366 * 4000) / 7, 6);
  });
});

describe("combining the returns' header rows", () => {
  it("keeps each child's latest YEAR row and counts the others as superseded, not rejected", () => {
    const inputs = runPipeline(sourcesOf({ Episodes: STACKED, Children: HEADERS }));
    expect(inputs.ledger.children.map((c) => [c.child, c.dob, c.uasc])).toEqual([
      ["A", day("2010-03-01"), false],
      ["B", day("2008-07-15"), true],
    ]);
    expect(inputs.counts.find((c) => c.table === "Children")).toMatchObject({ rowsIn: 4, rowsUsed: 2, rowsRejected: 0, rowsSuperseded: 2 });
    expect(inputs.issues.filter((i) => i.table === "Children")).toEqual([]);
  });

  it("takes a later row of the same YEAR over an earlier one, and changes nothing without a YEAR column", () => {
    const sameYear: Table = { headers: ["CHILD", "DOB", "YEAR"], rows: [["A", "2010-01-01", 2024], ["A", "2011-01-01", 2024], ["B", "2012-01-01", 2023]] };
    const combined = latestReturnOnly(sameYear);
    expect(combined.superseded).toEqual([2]);
    expect(combined.table.rows[0].every((c) => c === null)).toBe(true);
    const noYear: Table = { headers: ["CHILD", "DOB"], rows: [["A", "2010-01-01"]] };
    expect(latestReturnOnly(noYear)).toEqual({ table: noYear, superseded: [] });
  });

  it("balances every input: rows in = used + rejected + superseded", () => {
    const inputs = runPipeline(sourcesOf({ Episodes: STACKED, Children: HEADERS }));
    for (const count of inputs.counts) expect(count.rowsIn).toBe(count.rowsUsed + count.rowsRejected + count.rowsSuperseded);
  });
});

describe("placement codes read against their collection year", () => {
  it("notes a code the episode's year no longer lists, and costs it all the same", () => {
    const episodes: Table = {
      headers: ["CHILD", "DECOM", "DEC", "PLACE", "PLACE_PROVIDER"],
      rows: [
        ["A", "2024-05-01", "2025-02-01", "H5", "PR1"],
        ["B", "2025-05-01", "", "H5", "PR1"],
        ["C", "2025-05-01", "", "U4", "PR1"],
        ["D", "2025-06-01", "2025-09-01", "XX", "PR1"],
      ],
    };
    const inputs = runPipeline(sourcesOf({ Episodes: episodes }));
    const placeIssues = inputs.issues.filter((i) => i.column === "PLACE").map((i) => [i.row, i.reason]);
    // Noted, not corrected: the row is used as it is.
    expect(new Set(inputs.issues.filter((i) => i.column === "PLACE").map((i) => i.action))).toEqual(new Set(["noted"]));
    // A's H5 ended in 2024-25, whose list has it; B's is open in 2025-26, which dropped it.
    expect(placeIssues).toEqual([
      [3, expect.stringMatching(/^PLACE H5 is not in the 2025-26 SSDA903 code list/)],
      [5, expect.stringMatching(/^PLACE "XX" is not an SSDA903 placement code/)],
    ]);
    expect(inputs.ledger.episodes).toHaveLength(4);
  });
});

describe("costs follow the placement in force", () => {
  it("costs a child stepped down from a children's home to foster care (RNE T, merged for the forecast's states) at the foster rate", () => {
    const home = anEpisode({ child: "S", start: day("2023-01-01"), end: day("2023-06-01"), place: "K2", provider: "PR4", weeklyCost: 13_257 });
    const fostered = anEpisode({ child: "S", start: day("2023-06-01"), end: null, rne: "T", place: "U4", provider: "PR1", weeklyCost: 518 });
    const settled = anEpisode({ child: "Q", start: day("2022-01-01"), end: null, place: "U4", weeklyCost: 518 });
    const left = anEpisode({ child: "R", start: day("2023-02-01"), end: day("2023-07-01"), place: "U4", weeklyCost: 518 });
    const children = ["S", "Q", "R"].map((child, i) => ({ row: i + 2, child, sex: "1", dob: day("2010-01-01"), ethnic: "", uasc: false }));
    const result = runForecast([home, fostered, settled, left], children, { referenceStart: day("2023-04-01"), referenceEnd: day("2023-11-30"), months: 1 });
    // The merged spell keeps the home's category for the states, but both children cost £518 a week on the start day.
    expect(result.cleaning.rules.find((r) => r.rule === "continuing episode merged")?.rowsTouched).toBe(1);
    const december = result.monthlyCosts.filter((c) => c.month === "2023-12").reduce((sum, c) => sum + c.cost, 0);
    const inCare = result.months[0].total;
    expect(inCare).toBeCloseTo(2, 9);
    // Nobody enters or leaves in the window's rates but R: December costs about two children at £518 a week.
    expect(december).toBeLessThan(2 * 518 * (31 / 7) * 1.001);
    expect(december).toBeGreaterThan(0);
    expect(new Set(result.monthlyCosts.map((c) => c.item))).toEqual(new Set(["LA Foster Care in LA"]));
  });

  it("splits the forecast's cost into placement groups that add up to its total", () => {
    const episodes = [
      anEpisode({ child: "A", start: day("2022-01-01"), place: "U4", provider: "PR1", weeklyCost: 500 }),
      anEpisode({ child: "B", start: day("2022-02-01"), place: "U5", provider: "PR4", weeklyCost: 900 }),
      anEpisode({ child: "C", start: day("2022-03-01"), place: "K2", provider: "PR4", weeklyCost: 5000 }),
      anEpisode({ child: "D", start: day("2022-03-01"), end: day("2022-10-01"), place: "U4", provider: "PR1", weeklyCost: 500 }),
    ];
    const children = ["A", "B", "C", "D"].map((child, i) => ({ row: i + 2, child, sex: "1", dob: day("2011-05-05"), ethnic: "", uasc: false }));
    const result = runForecast(episodes, children, { referenceStart: day("2022-04-01"), referenceEnd: day("2023-06-30"), months: 6 });
    const byMonth = new Map<string, number>();
    for (const c of result.monthlyCosts) byMonth.set(c.month, (byMonth.get(c.month) ?? 0) + c.cost);
    const total = result.costPerYear.reduce((sum, y) => sum + y.cost, 0);
    expect([...byMonth.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(total, 6);
    expect([...byMonth.keys()]).toEqual(["2023-07", "2023-08", "2023-09", "2023-10", "2023-11", "2023-12"]);
    expect(new Set(result.monthlyCosts.map((c) => c.item))).toEqual(new Set(["LA Foster Care in LA", "Agency Foster Care in LA", "Agency Residential in LA"]));
  });
});

describe("the placements figures cover the same children", () => {
  it("carries the current placements of children the forecast cannot model to 31 March in the outturn", () => {
    const episodes: Table = {
      headers: ["CHILD", "DECOM", "DEC", "PLACE", "PLACE_PROVIDER", "WEEKLY_COST"],
      rows: [
        ["A", "2022-01-01", "", "U4", "PR1", 700],
        ["B", "2022-03-01", "2023-09-01", "U4", "PR1", 700],
        ["C", "2022-06-01", "", "U4", "PR1", 700],
        // X has no row in the children table: no date of birth, so no age band in the forecast.
        ["X", "2022-02-01", "", "K2", "PR4", 4_900],
      ],
    };
    const children: Table = { headers: ["CHILD", "DOB"], rows: [["A", "2010-01-01"], ["B", "2011-01-01"], ["C", "2012-01-01"]] };
    const inputs = runPipeline(sourcesOf({ Episodes: episodes, Children: children }));
    const results = runEngine(inputs, { forecast: { referenceStart: day("2022-04-01"), referenceEnd: day("2023-11-30"), months: 6 } });
    const p = results.placements!;
    // 1 December 2023 to 31 March 2024: 122 days (a leap February) at £4,900 a week.
    expect(p.unmodelledToYearEnd).toBeCloseTo((122 * 4_900) / 7, 6);
    const modelled = results.forecast!.costPerYear.filter((y) => y.to <= p.yearEnd).reduce((sum, y) => sum + y.cost, 0);
    expect(p.forecastToYearEnd).toBeCloseTo(modelled + p.unmodelledToYearEnd, 6);
    expect(p.forecastOutturn).toBeCloseTo(p.spendToDate + (p.forecastToYearEnd as number), 6);
    // The spend to date counts X too: the outturn's two parts cover the same children.
    expect(p.spendToDate).toBeGreaterThan((243 * 4_900) / 7);
  });
});

describe("national unit costs in the forecast", () => {
  it("says how much of the start day's costs comes from the national card, and says nothing when none does", () => {
    const rows = [
      ["A", "2022-01-01", "", "U4", "PR1"],
      ["B", "2022-03-01", "2023-09-01", "U4", "PR1"],
      ["C", "2022-06-01", "", "U4", "PR1"],
    ];
    const children: Table = { headers: ["CHILD", "DOB"], rows: [["A", "2010-01-01"], ["B", "2011-01-01"], ["C", "2012-01-01"]] };
    const options = { forecast: { referenceStart: day("2022-04-01"), referenceEnd: day("2023-11-30"), months: 6 } };
    const raw = runEngine(runPipeline(sourcesOf({ Episodes: { headers: ["CHILD", "DECOM", "DEC", "PLACE", "PLACE_PROVIDER"], rows }, Children: children })), options);
    expect(raw.forecast!.notes).toContainEqual(expect.stringMatching(/^100\.0% of the weekly costs of the children in care on the start day come from the national unit costs/));
    const costed = rows.map((r) => [...r, 650]);
    const own = runEngine(
      runPipeline(sourcesOf({ Episodes: { headers: ["CHILD", "DECOM", "DEC", "PLACE", "PLACE_PROVIDER", "WEEKLY_COST"], rows: costed }, Children: children })),
      options,
    );
    expect(own.forecast!.notes.some((n) => /national unit costs/.test(n))).toBe(false);
  });
});

describe("the pipeline over episodes handed over in batches", () => {
  // Rows with something to say (a bad date, a YEAR that is no year) in different batches.
  const episodes: Table = {
    headers: EPISODE_HEADERS,
    rows: [...STACKED.rows, ["C", "2023-02-30", "S", "C2", "N1", "U4", "PR1", "", "", 500, 2024], ["D", "2023-01-01", "S", "C2", "N1", "Z9", "PR1", "", "", 500, "twenty"]],
  };
  const batchesOf = (table: Table, size: number) => ({
    read: async (take: (batch: Table) => void) => {
      for (let from = 0; from < table.rows.length; from += size) take({ headers: table.headers, rows: table.rows.slice(from, from + size), firstRowNumber: 2 + from });
    },
  });

  // D born after their first episode; a header row without a child; a UASC table with a blank row.
  const children: Table = { ...HEADERS, rows: [...HEADERS.rows, ["D", "1", "2024-01-01", "WBRI", "", 2024], ["", "1", "2010-01-01", "WBRI", "", 2024]] };
  const uasc: Table = { headers: ["CHILD", "DUC"], rows: [["A", null], ["", "2023-01-01"]] };

  test.each([1, 2, 3, 7])("batches of %i rows give what the whole table gives, and the tables read are let go of", async (size) => {
    const whole = runPipeline(sourcesOf({ Episodes: episodes, Children: children, UASC: uasc }));
    expect(whole.issues.filter((issue) => issue.table !== "Episodes").map((issue) => `${issue.table} ${issue.row} ${issue.column}`)).toEqual(["UASC 3 CHILD", "Children 6 DOB", "Children 7 CHILD"]);
    const sources = sourcesOf({ Children: children, UASC: uasc });
    const batched = await runPipelineOnBatches(sources, { Episodes: batchesOf(episodes, size) });
    expect(batched.ledger).toEqual(whole.ledger);
    expect(batched.issues).toEqual(whole.issues);
    expect(batched.counts.map(({ source, ...count }) => ({ ...count, source: count.table === "Episodes" ? null : source }))).toEqual(
      whole.counts.map(({ source, ...count }) => ({ ...count, source: count.table === "Episodes" ? null : source })),
    );
    expect([batched.dataStart, batched.lastDate, batched.uascChildren]).toEqual([whole.dataStart, whole.lastDate, whole.uascChildren]);
    expect(whole.issues.length).toBeGreaterThan(0);
    expect(Object.values(batched.sources).map((source) => source.table)).toEqual(Object.values(batched.sources).map(() => null));
    expect(sources.Children.label).toBe("Children");
  });

  // One return, no YEAR: C repeated in a later row (the later row is used), a blank CHILD, a DOB that is no date, a line the source could not split.
  const oneReturn: Table = {
    headers: ["CHILD", "SEX", "DOB", "ETHNIC", "UASC"],
    rows: [["A", "1", "2010-03-01", "WBRI", ""], ["C", "2", "2011-01-01", "WBRI", ""], [null, null, null, null, null], ["", "1", "2010-01-01", "WBRI", ""], ["E", "1", "2010-02-30", "WBRI", ""], ["B", "2", "2008-07-15", "WBRI", "Y"], ["C", "2", "2011-02-01", "WBRI", "Y"], [null, null, null, null, null]],
    report: { issues: [{ table: "Children", row: 4, action: "rejected", reason: "the row has 7 cells but the header has 5: a comma inside a cell that is not quoted?" }], rowsRejected: 1 },
  };
  // As a CSV file's batches come: the first may hold no rows (a piece with the header alone).
  const batchesWithReports = (table: Table, size: number) => ({
    read: async (take: (batch: Table) => void) => {
      take({ headers: table.headers, rows: [], firstRowNumber: 2, report: { issues: [], rowsRejected: 0 } });
      for (let from = 0; from < table.rows.length; from += size) {
        const issues = (table.report?.issues ?? []).filter((issue) => issue.row >= 2 + from && issue.row < 2 + from + size);
        take({ headers: table.headers, rows: table.rows.slice(from, from + size), firstRowNumber: 2 + from, report: { issues, rowsRejected: issues.length } });
      }
    },
  });

  test.each([
    ["one return", oneReturn],
    ["stacked returns", children],
    ["a table without DOB", { headers: ["CHILD", "SEX"], rows: [["A", "1"], ["B", "2"], [null, null], ["C", "1"]] } as Table],
  ])("children of %s in batches give what the whole table gives, whatever the batches' size", async (_name, childTable) => {
    const whole = runPipeline(sourcesOf({ Episodes: episodes, Children: childTable, UASC: uasc }));
    expect(whole.counts.find((count) => count.table === "Children")?.rowsIn).toBeGreaterThan(0);
    for (const size of [1, 2, 3, 5, 100]) {
      const sources = sourcesOf({ UASC: uasc });
      sources.Children.label = "Children";
      const batched = await runPipelineOnBatches(sources, { Episodes: batchesOf(episodes, 4), Children: batchesWithReports(childTable, size) });
      expect(batched.ledger).toEqual(whole.ledger);
      expect(batched.issues).toEqual(whole.issues);
      expect(batched.counts).toEqual(whole.counts.map((count) => (count.table === "Episodes" ? { ...count, source: null } : count)));
      expect([batched.dataStart, batched.lastDate, batched.uascChildren]).toEqual([whole.dataStart, whole.lastDate, whole.uascChildren]);
    }
    if (childTable === oneReturn) {
      // The repeated child, the blank CHILD, the DOB that is no date, the line the source could not split: all said once.
      expect(whole.issues.filter((issue) => issue.table === "Children").map((issue) => `${issue.row} ${issue.column ?? ""}`)).toEqual(["3 CHILD", "4 ", "5 CHILD", "6 DOB"]);
    }
  });
});
