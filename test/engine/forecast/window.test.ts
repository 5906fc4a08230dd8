import { Day, addMonths, formatIsoDate } from "../../../src/engine/dates";
import { Child, Episode } from "../../../src/engine/episodes";
import { CANDIDATE_WINDOWS, runForecast } from "../../../src/engine/forecast";
import { buildEpisodeLedger } from "../../../src/engine/ledger";
import { child, day, episode } from "./fixtures";

/**
 * Generated data whose best window is known: children come into foster care every `gap` days
 * and stay a varied while; from `change` on they come in four times less often. A forecast made
 * after the change does best with a window that holds only days after it, so the shortest
 * candidate, which at every cut-off after the change holds the fewest days before it.
 */
function entriesFall(options: { first: Day; last: Day; change: Day }): { episodes: Episode[]; children: Child[] } {
  const episodes: Episode[] = [];
  const children: Child[] = [];
  let n = 0;
  for (let start = options.first; start <= options.last; start += start < options.change ? 2 : 8) {
    const id = `C${n}`;
    const stay = 60 + ((n * 97) % 540);
    const end = start + stay <= options.last ? formatIsoDate(start + stay) : null;
    children.push(child(id, formatIsoDate(start - 8 * 365)));
    episodes.push(episode(id, formatIsoDate(start), end, "U1", { rec: end === null ? "" : "E11" }));
    n += 1;
  }
  return { episodes, children };
}

const FIRST = day("2016-04-01");
const LAST = day("2022-03-31");

const CHANGE = day("2021-03-01");

describe("the default mode's window, chosen by evidence", () => {
  const data = entriesFall({ first: FIRST, last: LAST, change: CHANGE });
  const result = runForecast(data.episodes, data.children, { mode: "default", months: 12 });
  const choice = result.windowChoice!;

  it("scores every candidate on the same cut-offs, every three months back from the start over three years at most", () => {
    expect(choice.scores.map((s) => s.candidate.label)).toEqual(CANDIDATE_WINDOWS.map((c) => c.label));
    expect(choice.knownUntil).toBe(result.lastDate);
    expect(choice.cutoffs.map(formatIsoDate)).toEqual([...Array(12).keys()].map((k) => formatIsoDate(addMonths(result.lastDate, -3 * (k + 1)))));
    const compared = choice.scores.map((s) => s.monthsCompared);
    expect(new Set(compared).size).toBe(1);
  });

  it("chooses the shortest window after entries fall, and the forecast uses it", () => {
    expect(choice.chosen.label).toBe("6 months");
    const error = (label: string) => choice.scores.find((s) => s.candidate.label === label)!.error!;
    // Each longer window holds more days from before the change, and errs more.
    for (const [shorter, longer] of [["6 months", "12 months"], ["12 months", "24 months"], ["24 months", "since the first return"]]) {
      expect(error(shorter)).toBeLessThan(error(longer));
    }
    expect(formatIsoDate(result.referenceStart)).toBe(formatIsoDate(addMonths(result.lastDate, -6) + 1));
    expect(formatIsoDate(choice.referenceStart)).toBe(formatIsoDate(result.referenceStart));
  });

  it("scores windows on the data known at the forecast's start, never later", () => {
    // A forecast from a day before the change, on the whole data: the scores use only what was known that day.
    const asAt = day("2020-12-31");
    const early = runForecast(data.episodes, data.children, { mode: "default", referenceEnd: asAt, start: asAt, months: 12 });
    const known = entriesFall({ first: FIRST, last: asAt, change: CHANGE });
    const onKnownData = runForecast(known.episodes, known.children, { mode: "default", referenceEnd: asAt, start: asAt, months: 12 });
    expect(early.windowChoice!.knownUntil).toBe(asAt);
    expect(early.windowChoice!.scores).toEqual(onKnownData.windowChoice!.scores);
    expect(early.windowChoice!.chosen).toEqual(onKnownData.windowChoice!.chosen);
  });

  it("uses a window the user sets as given, and leaves reference mode's window as the open model's", () => {
    const fixed = runForecast(data.episodes, data.children, { mode: "default", referenceStart: day("2019-04-01"), months: 12 });
    expect(fixed.windowChoice).toBeNull();
    expect(formatIsoDate(fixed.referenceStart)).toBe("2019-04-01");
    const reference = runForecast(data.episodes, data.children, { mode: "reference", months: 12 });
    expect(reference.windowChoice).toBeNull();
    expect(reference.referenceStart).toBe(addMonths(reference.referenceEnd, -36));
  });

  it("without a cut-off to score on, uses the window since the first return", () => {
    const short = entriesFall({ first: FIRST, last: day("2016-06-15"), change: CHANGE });
    const young = runForecast(short.episodes, short.children, { mode: "default", months: 12 });
    expect(young.windowChoice!.cutoffs).toEqual([]);
    expect(young.windowChoice!.chosen.label).toBe("since the first return");
    expect(young.windowChoice!.scores.every((s) => s.error === null)).toBe(true);
  });
});

describe("the window choice's truth", () => {
  it("is the data as the fit cleaned it, whether or not the episodes have been through the ledger", () => {
    // Children with two episodes starting the same day, one ending years after the data's last
    // date: the cleaning keeps that one, ended when the next episode starts. Were the truth cut
    // on the data's last day, that episode would be reopened, the other kept, and the child
    // shown out of care for six months that the fit counts in care.
    const data = entriesFall({ first: FIRST, last: LAST, change: CHANGE });
    for (let k = 0; k < 40; k++) {
      const id = `D${k}`;
      data.children.push(child(id, "2010-01-01"));
      data.episodes.push(episode(id, "2021-01-01", "2030-01-01", "U1", { rec: "E11" }));
      data.episodes.push(episode(id, "2021-01-01", "2021-06-30", "U1", { rec: "E11" }));
      data.episodes.push(episode(id, "2022-01-01", null, "U1"));
    }
    const ledger = buildEpisodeLedger(data.episodes, data.children);
    const raw = runForecast(data.episodes, data.children, { mode: "default", months: 12 }).windowChoice!;
    const cleaned = runForecast(ledger.episodes, ledger.children, { mode: "default", months: 12 }).windowChoice!;
    expect(raw.scores).toEqual(cleaned.scores);
    expect(raw.chosen).toEqual(cleaned.chosen);
  });
});
