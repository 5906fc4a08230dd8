/**
 * The Loughborough cost calculator's published sample, "Analysis of Costs by Placement Type":
 *   Agency Foster Care in LA   £195,227   138.6 weeks   £1,409 a week
 *   Agency Residential in LA   £484,800   184.7 weeks   £2,625 a week
 *   All placement types      £3,332,385 2,637.0 weeks   £1,264 a week
 * The sample's episodes are not published, so the caseload below was chosen (whole-penny weekly
 * costs an accountant could type, whole days in 2023-24) to have those totals; the engine has to
 * cost, group, add up and average it to the published figures.
 */

import { Location } from "../../src/engine/codes";
import { dayFromYmd } from "../../src/engine/dates";
import { Episode } from "../../src/engine/episodes";
import { averageWeeklyCost, summariseCosts } from "../../src/engine/summaries";

const PERIOD = { start: dayFromYmd(2023, 4, 1), end: dayFromYmd(2024, 3, 31) };
const WHOLE_YEAR = 366;

interface Placements {
  children: number;
  place: string;
  provider: string;
  location: "IN" | "OUT";
  days: number;
  weekly: number;
}

const CASELOAD: Placements[] = [
  // Agency Foster Care in LA: 970 days (138.6 weeks).
  { children: 1, place: "U4", provider: "PR4", location: "IN", days: WHOLE_YEAR, weekly: 1400.0 },
  { children: 1, place: "U5", provider: "PR5", location: "IN", days: WHOLE_YEAR, weekly: 1449.14 },
  { children: 1, place: "U6", provider: "PR4", location: "IN", days: 238, weekly: 1360.52 },
  // Agency Residential in LA: 1,293 days (184.7 weeks).
  { children: 1, place: "K2", provider: "PR4", location: "IN", days: WHOLE_YEAR, weekly: 2600.0 },
  { children: 1, place: "R1", provider: "PR4", location: "IN", days: WHOLE_YEAR, weekly: 2650.0 },
  { children: 1, place: "K2", provider: "PR5", location: "IN", days: WHOLE_YEAR, weekly: 2625.1 },
  { children: 1, place: "P3", provider: "PR4", location: "IN", days: 195, weekly: 2622.12 },
  // The other placement types.
  { children: 20, place: "U4", provider: "PR1", location: "IN", days: WHOLE_YEAR, weekly: 500.01 },
  { children: 8, place: "U1", provider: "PR1", location: "IN", days: WHOLE_YEAR, weekly: 300.0 },
  { children: 8, place: "U4", provider: "PR4", location: "OUT", days: WHOLE_YEAR, weekly: 1000.0 },
  { children: 4, place: "K2", provider: "PR1", location: "IN", days: WHOLE_YEAR, weekly: 5840.0 },
  { children: 4, place: "H5", provider: "PR4", location: "OUT", days: WHOLE_YEAR, weekly: 1300.0 },
  { children: 1, place: "K1", provider: "PR4", location: "OUT", days: 92, weekly: 7033.4 },
];

function caseloadEpisodes(): Episode[] {
  const episodes: Episode[] = [];
  for (const placements of CASELOAD) {
    for (let n = 0; n < placements.children; n++) {
      const id = String(1000 + episodes.length);
      // Whole-year placements stay open; shorter ones start on 1 April and end after their days.
      const end = placements.days === WHOLE_YEAR ? null : PERIOD.start + placements.days;
      episodes.push({
        row: episodes.length + 2,
        child: id,
        start: PERIOD.start,
        end,
        rne: "S",
        ls: "C2",
        cin: "N1",
        place: placements.place,
        provider: placements.provider,
        rec: "",
        reasonPlaceChange: "",
        urn: "",
        weeklyCost: placements.weekly,
        location: (placements.location === "IN" ? "In LA" : "Out LA") as Location,
        ebd: false,
      });
    }
  }
  return episodes;
}

const pounds = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP", maximumFractionDigits: 0 });
const weeks = (value: number) => value.toLocaleString("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

describe("averageWeeklyCost on the published figures", () => {
  test.each([
    [195_227, 138.6, "£1,409"],
    [484_800, 184.7, "£2,625"],
    [3_332_385, 2_637.0, "£1,264"],
  ])("%d over %d weeks is %s a week", (total, time, published) => {
    expect(pounds.format(averageWeeklyCost(total, time)!)).toBe(published);
  });
});

describe("summariseCosts reproduces the published analysis by placement type", () => {
  const result = summariseCosts({ episodes: caseloadEpisodes(), children: [], period: PERIOD });
  const row = (label: string) => result.byGroup.find((r) => r.group === label)!;

  test.each([
    ["Agency Foster Care in LA", "£195,227", "138.6", "£1,409"],
    ["Agency Residential in LA", "£484,800", "184.7", "£2,625"],
  ])("%s: %s over %s weeks, %s a week", (label, total, time, average) => {
    const line = row(label);
    expect(pounds.format(line.total)).toBe(total);
    expect(weeks(line.weeks)).toBe(time);
    expect(pounds.format(line.avgWeekly!)).toBe(average);
  });

  test("all placement types: £3,332,385 over 2,637.0 weeks, £1,264 a week", () => {
    expect(pounds.format(result.total.total)).toBe("£3,332,385");
    expect(weeks(result.total.weeks)).toBe("2,637.0");
    expect(pounds.format(result.total.avgWeekly!)).toBe("£1,264");
  });

  test("the totals are exact to the penny, not just after rounding to pounds", () => {
    expect(Math.abs(row("Agency Foster Care in LA").total - 195_227)).toBeLessThan(0.005);
    expect(Math.abs(row("Agency Residential in LA").total - 484_800)).toBeLessThan(0.005);
    expect(Math.abs(result.total.total - 3_332_385)).toBeLessThan(0.005);
  });

  test("the rows add up to the all-types line", () => {
    expect(Math.abs(result.byGroup.reduce((sum, r) => sum + r.total, 0) - result.total.total)).toBeLessThan(1e-6);
    expect(result.byGroup.map((r) => r.group)).toEqual([
      "LA Residential in LA",
      "LA Foster Care in LA",
      "Agency Residential in LA",
      "Agency Foster Care out LA",
      "Agency Semi-Independence out LA",
      "Agency Foster Care in LA",
      "LA Kinship Care in LA",
      "Agency Secure out LA",
    ]);
  });
});
