import { addMonths } from "../../../src/engine/dates";
import { readChildren, readEpisodes } from "../../../src/engine/episodes";
import { FAN_PERCENTILES, runForecast } from "../../../src/engine/forecast";
import { generateSample } from "../../../src/engine/sample";
import { day } from "./fixtures";

const sample = generateSample({ children: 300, seed: 11, end: day("2024-03-31") });
const episodes = readEpisodes(sample.episodes).records;
const children = readChildren(sample.children).records;
const forecast = (options: Parameters<typeof runForecast>[2] = {}) => runForecast(episodes, children, { months: 12, ...options });

describe("the forecast's band", () => {
  const result = forecast();

  it("gives the same band for the same seed and another for another seed", () => {
    expect(forecast().months.map((m) => m.fan)).toEqual(result.months.map((m) => m.fan));
    expect(forecast({ bandSeed: 2 }).months.map((m) => m.upper)).not.toEqual(result.months.map((m) => m.upper));
  });

  it("orders the percentiles, the band outside the 5th to 95th, and starts at the known stock", () => {
    for (const month of result.months) {
      const fan = FAN_PERCENTILES.map((p) => month.fan[p]);
      expect([...fan].sort((a, b) => a - b)).toEqual(fan);
      expect(month.lower).toBeLessThanOrEqual(month.fan[5]);
      expect(month.upper).toBeGreaterThanOrEqual(month.fan[95]);
    }
    const first = result.months[0];
    expect(first.lower).toBeCloseTo(first.total, 9);
    expect(first.upper).toBeCloseTo(first.total, 9);
  });

  it("widens with the horizon and brackets the central forecast", () => {
    const widths = result.months.map((m) => m.upper - m.lower);
    expect(widths[widths.length - 1]).toBeGreaterThan(widths[1]);
    const last = result.months[result.months.length - 1];
    expect(last.lower).toBeLessThan(last.total);
    expect(last.upper).toBeGreaterThan(last.total);
  });

  it("is wider than the children's moves alone: the rates and entries are uncertain too", () => {
    const last = result.months[result.months.length - 1];
    const point = result.points[result.points.length - 1];
    let movesVariance = 0;
    result.states.forEach((state) => (movesVariance += state.inCare ? point.variance[state.index] : 0));
    expect(last.upper - last.lower).toBeGreaterThan(2 * 1.96 * Math.sqrt(movesVariance));
  });

  it("is wider measured from a shorter window (fewer counts, less certain rates)", () => {
    const end = result.referenceEnd;
    const short = forecast({ referenceStart: addMonths(end, -6), referenceEnd: end, start: end });
    const long = forecast({ referenceStart: addMonths(end, -36), referenceEnd: end, start: end });
    const width = (r: typeof result) => r.months[r.months.length - 1].upper - r.months[r.months.length - 1].lower;
    expect(width(short)).toBeGreaterThan(width(long));
  });

  it("leaves the central forecast as it is, and without the band every percentile is the central forecast", () => {
    const central = forecast({ band: false });
    expect(Array.from(central.dailyTotals)).toEqual(Array.from(result.dailyTotals));
    for (const month of central.months) {
      expect([month.lower, month.upper, ...FAN_PERCENTILES.map((p) => month.fan[p])]).toEqual(Array(7).fill(month.total));
    }
  });

  it("measures the drift of entries and exits from the window's quarters", () => {
    expect(result.entryDrift.quarters).toBeGreaterThanOrEqual(4);
    expect(result.entryDrift.changes).toBe(result.entryDrift.quarters - 1);
    expect(Number.isFinite(result.exitDrift.yearly)).toBe(true);
  });
});
