import fc from "fast-check";
import { CommitmentError, apportion, commitment, commitmentsOutturn, highCostPlacements, placementCommitments } from "../../src/engine/commitments";
import { dayFromYmd } from "../../src/engine/dates";
import { readEpisodes } from "../../src/engine/episodes";
import { placementFigures } from "../../src/engine/figures";
import { readPlacementReviews, reviewTracker } from "../../src/engine/placementReview";
import { Table } from "../../src/engine/table";
import { anEpisode } from "./builders";

const d = dayFromYmd;
const asAt = d(2024, 9, 30);
const yearEnd = d(2025, 3, 31);

function table(headers: string[], rows: Table["rows"]): Table {
  return { headers, rows };
}

describe("commitment of one placement", () => {
  it("runs from the day after the as-at day to the year end, counted", () => {
    // 1 Oct 2024 to 31 Mar 2025: 182 days.
    expect(commitment(700, d(2024, 1, 1), null, asAt)).toBeCloseTo(182 * 100, 6);
  });

  it("stops the day before the planned end, as DEC does", () => {
    // 1 Oct to 30 Nov: 61 days.
    expect(commitment(700, d(2024, 1, 1), d(2024, 12, 1), asAt, yearEnd)).toBeCloseTo(61 * 100, 6);
  });

  it("is zero when the planned end is on or before the as-at day", () => {
    expect(commitment(700, d(2024, 1, 1), asAt, asAt)).toBe(0);
    expect(commitment(700, d(2024, 1, 1), d(2024, 5, 1), asAt)).toBe(0);
  });

  it("refuses a year end before the as-at day and a planned end before the start", () => {
    expect(() => commitment(700, d(2024, 1, 1), null, asAt, d(2024, 3, 31))).toThrow(CommitmentError);
    expect(() => commitment(700, d(2024, 1, 1), d(2023, 1, 1), asAt)).toThrow(/before the start/);
    expect(() => commitment(-1, d(2024, 1, 1), null, asAt)).toThrow(/zero or more/);
  });

  const day = fc.integer({ min: d(2020, 1, 1), max: d(2030, 1, 1) });
  it("is never negative, never counts a day after the year end, and is zero for a planned end on or before the as-at day", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 50_000, noNaN: true }), day, fc.option(fc.integer({ min: 0, max: 4000 })), day, fc.integer({ min: 0, max: 800 }), (weekly, start, length, at, toYearEnd) => {
        const end = length === null ? null : start + length;
        const last = at + toYearEnd;
        const committed = commitment(weekly, start, end, at, last);
        expect(committed).toBeGreaterThanOrEqual(0);
        // Never past the year end: at most the days from the as-at day to it.
        expect(committed).toBeLessThanOrEqual((weekly * toYearEnd) / 7 + 1e-6);
        // Moving the year end later adds exactly the extra days' cost, so nothing beyond it was counted.
        expect(commitment(weekly, start, end, at, last + 30) - committed).toBeCloseTo((weekly * Math.max(0, Math.min(end ?? Infinity, last + 31) - Math.max(start, last + 1))) / 7, 4);
        if (end !== null && end <= at) expect(committed).toBe(0);
      }),
    );
  });
});

describe("placement commitments", () => {
  const episodes = [
    anEpisode({ child: "A", start: d(2023, 6, 1), weeklyCost: 7000, plannedEnd: d(2024, 12, 1) }),
    anEpisode({ child: "B", start: d(2024, 2, 1), weeklyCost: 1400 }),
    anEpisode({ child: "C", start: d(2024, 3, 1), weeklyCost: 3500, plannedEnd: d(2024, 9, 1) }),
    anEpisode({ child: "D", start: d(2024, 4, 1), end: d(2024, 6, 1), weeklyCost: 700 }),
    anEpisode({ child: "E", start: d(2024, 8, 1), weeklyCost: 5000, plannedEnd: d(2025, 2, 20), healthContribution: { kind: "share", fraction: 0.25 } }),
  ];
  const result = placementCommitments(episodes, {}, asAt);

  it("totals the open placements' commitments, each as the function gives it", () => {
    expect(result.placements.map((p) => p.child)).toEqual(["A", "B", "C", "E"]);
    const byFunction = result.placements.reduce((sum, p) => sum + commitment(p.weeklyCost ?? 0, p.start, p.plannedEnd, asAt), 0);
    expect(result.total).toBeCloseTo(byFunction, 6);
    expect(result.total).toBeCloseTo((7000 * 61 + 1400 * 182 + 5000 * (d(2025, 2, 20) - d(2024, 10, 1))) / 7, 6);
  });

  it("reports a planned end already passed rather than dropping the placement", () => {
    expect(result.plannedEndPassed.map((p) => p.child)).toEqual(["C"]);
    expect(result.plannedEndPassed[0].commitment).toBe(0);
  });

  it("counts a placement's cost to date to the as-at day while it is open, its planned end passed or not, adding up to the figures' spend to date", () => {
    // C's planned end (1 September) has passed, but C is still placed: 1 April to 30 September, 183 days at £500 a day.
    expect(result.plannedEndPassed[0].spendToDate).toBeCloseTo(183 * 500, 6);
    const open = episodes.filter((e) => e.end === undefined || e.end === null);
    const figures = placementFigures(open, {}, asAt, null);
    expect(result.placements.reduce((sum, p) => sum + p.spendToDate, 0)).toBeCloseTo(figures.spendToDate, 6);
  });

  it("costs more the longer every planned end slips, never past 31 March", () => {
    const extras = result.slippage.map((s) => s.extra);
    expect(result.slippage.map((s) => s.months)).toEqual([1, 3, 6]);
    expect(extras[0]).toBeGreaterThan(0);
    expect(extras[1]).toBeGreaterThan(extras[0]);
    expect(extras[2]).toBeGreaterThan(extras[1]);
    // Every planned end slipped past 31 March: each placement runs to the year end.
    const everyoneToYearEnd = (7000 + 1400 + 3500 + 5000) * 26;
    expect(placementCommitments(episodes, {}, asAt, [24])[`slippage`][0].total).toBeCloseTo(everyoneToYearEnd, 6);
  });

  it("without planned ends equals the figures' current placements continued to 31 March, and the outturns then agree", () => {
    const unplanned = episodes.map(({ plannedEnd: _planned, ...e }) => e);
    const figures = placementFigures(unplanned, {}, asAt, null);
    expect(placementCommitments(unplanned, {}, asAt).total).toBeCloseTo(figures.committedToYearEnd, 6);
    const withForecast = { ...figures, forecastToYearEnd: figures.committedToYearEnd + 50_000, forecastOutturn: figures.spendToDate + figures.committedToYearEnd + 50_000 };
    const joined = commitmentsOutturn(withForecast, placementCommitments(unplanned, {}, asAt));
    expect(joined.provision).toBeCloseTo(50_000, 6);
    expect(joined.outturn).toBeCloseTo(withForecast.forecastOutturn, 6);
    const planned = commitmentsOutturn({ ...withForecast, committedToYearEnd: figures.committedToYearEnd }, result);
    expect(planned.outturn! + planned.plannedEndsEffect).toBeCloseTo(withForecast.forecastOutturn, 6);
  });

  it("lists the dearest placements first, with the council's net cost", () => {
    expect(highCostPlacements(result, 2).map((p) => p.child)).toEqual(["A", "E"]);
    expect(result.placements.find((p) => p.child === "E")?.apportionment?.net).toBe(3750);
  });
});

describe("apportionment", () => {
  it("takes pounds a week and shares of the cost, and refuses contributions above the cost", () => {
    expect(apportion(6000, { kind: "share", fraction: 0.3 }, { kind: "weekly", pounds: 1200 })).toEqual({ weeklyCost: 6000, health: 1800, education: 1200, net: 3000 });
    expect(() => apportion(1000, { kind: "weekly", pounds: 800 }, { kind: "share", fraction: 0.5 })).toThrow(/more than the weekly cost/);
  });
});

describe("the episode columns", () => {
  it("reads PLANNED_END and the contributions, and reports bad values on their rows", () => {
    const read = readEpisodes(
      table(
        ["CHILD", "DECOM", "DEC", "PLACE", "Planned end date", "Health contribution", "Education contribution"],
        [
          ["1", "01/04/2024", null, "K2", "01/12/2024", "25%", 300],
          ["2", "01/04/2024", null, "K2", "not a date", 0.25, "150%"],
          ["3", "01/04/2024", null, "K2", "01/01/2024", null, null],
        ],
      ),
    );
    expect(read.records).toHaveLength(3);
    expect(read.records[0]).toMatchObject({ plannedEnd: d(2024, 12, 1), healthContribution: { kind: "share", fraction: 0.25 }, educationContribution: { kind: "weekly", pounds: 300 } });
    expect(read.records[1].plannedEnd).toBeUndefined();
    expect(read.issues.map((i) => i.column)).toEqual(["PLANNED_END", "HEALTH_CONTRIBUTION", "EDUCATION_CONTRIBUTION", "PLANNED_END"]);
    expect(read.issues.every((i) => i.action === "corrected")).toBe(true);
  });
});

describe("the review tracker", () => {
  const reviewHeaders = ["Child", "Planned change", "Children", "Current weekly cost", "New weekly cost", "Target date", "Status", "Stated saving"];

  it("reproduces Dorset's Table 2: £1,124,872 if every timescale is met", () => {
    // Dorset County Council, high-cost placement review: the four planned changes and the in-year saving each states.
    const read = readPlacementReviews(
      table(reviewHeaders, [
        ["Children's home to foster care", "Foster care", 5, null, null, "01/04/2024", "Planned", 582_000],
        ["Children's home to supported housing", "Supported accommodation", 2, null, null, "01/04/2024", "Planned", 128_800],
        ["Children's home to home", "Placed with parents", 2, null, null, "01/04/2024", "Planned", 227_184],
        ["Specialist to block-contract supported housing", "Supported accommodation (block)", 4, null, null, "01/04/2024", "Planned", 186_888],
      ]),
    );
    expect(read.issues).toEqual([]);
    const tracker = reviewTracker(read.records, { asAt: d(2024, 4, 1) });
    expect(tracker.lines.map((l) => l.basis)).toEqual(["stated", "stated", "stated", "stated"]);
    expect(tracker.totalIfOnTime).toBe(1_124_872);
    // Six months' slip from 1 April loses the 183 days to 1 October of the year's 365.
    expect(tracker.totalAtRisk).toBeCloseTo((1_124_872 * 183) / 365, 6);
  });

  it("works out a saving from weekly costs, the child's own placement when the row gives none, and what slipping loses", () => {
    const read = readPlacementReviews(
      table(reviewHeaders, [
        ["A", "Foster care", null, null, 1000, "01/10/2024", "In progress", null],
        ["B", "Foster care", 2, 5000, 1500, "01/01/2025", "Planned", null],
        ["C", "Foster care", null, 4000, 1000, "01/01/2025", "Cancelled", null],
        ["D", "", null, 4000, 1000, "01/01/2025", "Planned", null],
      ]),
    );
    expect(read.issues.map((i) => i.column)).toEqual(["PLANNED_CHANGE"]);
    const tracker = reviewTracker(read.records, { asAt, currentWeeklyOf: (child) => (child === "A" ? 7000 : null) });
    const [a, b, c] = tracker.lines;
    expect(a.currentFrom).toBe("placement");
    expect(a.inYearSaving).toBeCloseTo((6000 * 52 * (yearEnd - d(2024, 10, 1) + 1)) / 365, 6);
    // B slips six months to 1 July 2025: past 31 March, so all of its in-year saving is at risk.
    expect(b.inYearSaving).toBeCloseTo((2 * 3500 * 52 * 90) / 365, 6);
    expect(b.atRisk).toBeCloseTo(b.inYearSaving!, 6);
    expect(c.counted).toBe(false);
    expect(tracker.totalIfOnTime).toBeCloseTo(a.inYearSaving! + b.inYearSaving!, 6);
    expect(tracker.totalIfSlipped).toBeCloseTo(tracker.totalIfOnTime - a.atRisk! - b.atRisk!, 6);
    expect(a.atRisk!).toBeGreaterThan(0);
  });
});

