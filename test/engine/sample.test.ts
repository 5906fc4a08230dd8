import fc from "fast-check";
import { DEFAULT_SAMPLE_END, SampleChild, generateSample, sampleChildren, sampleUnitCosts } from "../../src/engine/sample";
import { Episode, readChildren, readEpisodes } from "../../src/engine/episodes";
import { addYears, birthday, dayFromYmd } from "../../src/engine/dates";
import { placementCategory } from "../../src/engine/codes";
import { readUnitCosts } from "../../src/engine/unitCosts";
import { parseCsv, writeCsv } from "../../src/workbook/csv";

const CONTINUING = new Set(["P", "L", "T", "U", "B"]);

function collect(children: number, seed: number, window: { start?: number; end?: number } = {}): SampleChild[] {
  return [...sampleChildren({ children, seed, ...window })];
}

function share(episodes: readonly Episode[], test: (e: Episode) => boolean): number {
  return episodes.filter(test).length / episodes.length;
}

describe("generateSample", () => {
  const sample = generateSample({ children: 400, seed: 7 });

  it("gives the same rows for the same seed and different rows for another", () => {
    expect(generateSample({ children: 400, seed: 7 })).toEqual(sample);
    expect(generateSample({ children: 400, seed: 8 }).episodes.rows).not.toEqual(sample.episodes.rows);
  });

  it("has the SSDA903 columns with WEEKLY_COST and LOCATION, and one header row per child", () => {
    expect(sample.episodes.headers).toEqual([
      "CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC", "REASON_PLACE_CHANGE",
      "HOME_POST", "PL_POST", "URN", "WEEKLY_COST", "LOCATION",
    ]);
    expect(sample.children.headers).toEqual(["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"]);
    expect(sample.uasc.headers).toEqual(["CHILD", "SEX", "DOB", "DUC"]);
    expect(sample.unitCosts.headers).toEqual(["TYPE", "PROVIDED", "LOCATION", "WEEKLY_COST"]);
    expect(sample.children.rows).toHaveLength(400);
    const ids = new Set(sample.children.rows.map((r) => r[0]));
    expect(ids.size).toBe(400);
    for (const row of sample.episodes.rows) expect(ids.has(row[0])).toBe(true);
    for (const row of sample.uasc.rows) expect(ids.has(row[0])).toBe(true);
  });

  it("is read by the episode, children and unit-cost readers with no issue at all", () => {
    const episodes = readEpisodes(sample.episodes);
    const children = readChildren(sample.children, sample.uasc);
    const unitCosts = readUnitCosts(sample.unitCosts);
    expect(episodes.issues).toEqual([]);
    expect(episodes.records).toHaveLength(sample.episodes.rows.length);
    expect(children.issues).toEqual([]);
    expect(children.records.filter((c) => c.uasc)).toHaveLength(sample.uasc.rows.length);
    expect(unitCosts.issues).toEqual([]);
    expect(unitCosts.records.length).toBe(sample.unitCosts.rows.length);
  });

  it("reads back the same through a CSV file", () => {
    const episodes = parseCsv(writeCsv([sample.episodes.headers, ...sample.episodes.rows]));
    expect(episodes.report.issues).toEqual([]);
    expect(readEpisodes(episodes)).toEqual(readEpisodes(sample.episodes));
    const children = parseCsv(writeCsv([sample.children.headers, ...sample.children.rows]));
    const uasc = parseCsv(writeCsv([sample.uasc.headers, ...sample.uasc.rows]));
    expect(readChildren(children, uasc)).toEqual(readChildren(sample.children, sample.uasc));
  });

  it("numbers episodes and children as the rows they take in the tables", () => {
    const samples = collect(400, 7);
    const episodes = samples.flatMap((s) => s.episodes);
    expect(episodes.map((e) => e.row)).toEqual(episodes.map((_e, i) => i + 2));
    expect(samples.map((s) => s.child.row)).toEqual(samples.map((_s, i) => i + 2));
    expect(readEpisodes(sample.episodes).records).toEqual(episodes);
  });
});

describe("the sample's mix", () => {
  const samples = collect(3000, 2024);
  const episodes = samples.flatMap((s) => s.episodes);

  it("has most episodes in foster care and a minority in residential care", () => {
    expect(share(episodes, (e) => placementCategory(e.place) === "Fostering")).toBeGreaterThan(0.62);
    expect(share(episodes, (e) => placementCategory(e.place) === "Fostering")).toBeLessThan(0.8);
    expect(share(episodes, (e) => placementCategory(e.place) === "Residential")).toBeGreaterThan(0.07);
    expect(share(episodes, (e) => placementCategory(e.place) === "Residential")).toBeLessThan(0.15);
    expect(share(episodes, (e) => placementCategory(e.place) === "Supported")).toBeGreaterThan(0.03);
  });

  it("has a minority of children in residential care at some time", () => {
    const residential = samples.filter((s) => s.episodes.some((e) => placementCategory(e.place) === "Residential")).length;
    expect(residential / samples.length).toBeGreaterThan(0.08);
    expect(residential / samples.length).toBeLessThan(0.18);
  });

  it("has more episodes starting at ages 10 to 15 than in any other band", () => {
    const bands = [0, 0, 0, 0];
    for (const s of samples) {
      for (const e of s.episodes) {
        const age = (e.start - s.child.dob) / 365.25;
        bands[age < 5 ? 0 : age < 10 ? 1 : age < 16 ? 2 : 3] += 1;
      }
    }
    expect(bands[2]).toBe(Math.max(...bands));
    expect(bands[2] / episodes.length).toBeGreaterThan(0.3);
  });

  it("costs placements in the ranges councils report", () => {
    const range = (test: (e: Episode) => boolean) => {
      const costs = episodes.filter((e) => test(e) && e.weeklyCost !== null).map((e) => e.weeklyCost as number);
      return [Math.min(...costs), Math.max(...costs), costs.length];
    };
    const [laMin, laMax] = range((e) => ["U4", "U6"].includes(e.place) && e.provider === "PR1");
    expect(laMin).toBeGreaterThanOrEqual(450);
    expect(laMax).toBeLessThanOrEqual(550 * 1.05);
    const [ifaMin, ifaMax] = range((e) => ["U4", "U6"].includes(e.place) && ["PR4", "PR5"].includes(e.provider));
    expect(ifaMin).toBeGreaterThanOrEqual(800);
    expect(ifaMax).toBeLessThanOrEqual(1000 * 1.05);
    const [homeMin, homeMax, homes] = range((e) => e.place === "K2" && ["PR4", "PR5"].includes(e.provider));
    expect(homeMin).toBeGreaterThanOrEqual(4000);
    expect(homeMax).toBeLessThanOrEqual(15000 * 1.05);
    expect(homes).toBeGreaterThan(100);
    const [, parentsMax] = range((e) => e.place === "P1");
    expect(parentsMax).toBeLessThanOrEqual(105);
    const high = episodes.filter((e) => (e.weeklyCost ?? 0) > 8000 * 1.05).length;
    expect(high).toBeGreaterThan(0);
    expect(high / episodes.length).toBeLessThan(0.02);
    const missing = share(episodes, (e) => e.weeklyCost === null);
    expect(missing).toBeGreaterThan(0.05);
    expect(missing).toBeLessThan(0.15);
  });

  it("records providers that fit the placement", () => {
    for (const e of episodes) {
      if (e.place === "P1") expect(e.provider).toBe("PR0");
      else expect(e.provider).not.toBe("PR0");
      if (["U1", "U2", "U3"].includes(e.place)) expect(e.provider).toBe("PR1");
      if (e.place === "H5") expect(["PR4", "PR5"]).toContain(e.provider);
    }
  });

  it("has some open episodes, some UASC children, disabled children under N2 and both locations", () => {
    expect(share(episodes, (e) => e.end === null)).toBeGreaterThan(0.05);
    const uasc = samples.filter((s) => s.child.uasc);
    expect(uasc.length / samples.length).toBeGreaterThan(0.03);
    expect(uasc.length / samples.length).toBeLessThan(0.1);
    for (const s of uasc) expect((s.episodes[0].start - s.child.dob) / 365.25).toBeGreaterThanOrEqual(14);
    const cins = new Set(episodes.map((e) => e.cin));
    expect([...cins].sort()).toEqual(["N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8"]);
    expect(share(episodes, (e) => e.cin === "N1")).toBeGreaterThan(0.4);
    expect(share(episodes, (e) => e.location === "Out LA")).toBeGreaterThan(0.2);
    expect(share(episodes, (e) => e.location === "In LA")).toBeGreaterThan(0.4);
  });

  it("keeps the placement and its cost when only the legal status changes", () => {
    for (const s of samples) {
      s.episodes.forEach((e, i) => {
        if (i === 0 || e.rne !== "L") return;
        const before = s.episodes[i - 1];
        expect([e.place, e.provider, e.weeklyCost, e.location]).toEqual([before.place, before.provider, before.weeklyCost, before.location]);
        expect(e.ls).not.toBe(before.ls);
      });
    }
  });
});

describe("the sample's periods of care", () => {
  function checkHistories(samples: readonly SampleChild[], start: number, end: number): void {
    for (const s of samples) {
      const adulthood = birthday(s.child.dob, 18);
      s.episodes.forEach((e, i) => {
        expect(e.start).toBeLessThanOrEqual(end);
        if (e.end !== null) {
          expect(e.end).toBeGreaterThan(e.start);
          expect(e.end).toBeGreaterThan(start);
          expect(e.end).toBeLessThanOrEqual(Math.min(end, adulthood));
        } else {
          expect(i).toBe(s.episodes.length - 1);
          expect(e.rec).toBe("");
          expect(adulthood).toBeGreaterThan(end);
        }
        const next = s.episodes[i + 1];
        if (next === undefined) return;
        if (next.start === e.end) {
          expect(CONTINUING.has(next.rne)).toBe(true);
          expect(e.rec).toBe("X1");
        } else {
          expect(next.start).toBeGreaterThan(e.end as number);
          expect(next.rne).toBe("S");
          expect(e.rec).toMatch(/^E/);
        }
      });
    }
  }

  it("starts a period with S, continues it with P, L, T, U or B, and ends it with an E code", () => {
    const samples = collect(2000, 11);
    const end = DEFAULT_SAMPLE_END;
    checkHistories(samples, addYears(end, -5) + 1, end);
    const rnes = new Set(samples.flatMap((s) => s.episodes.map((e) => e.rne)));
    expect([...rnes].sort()).toEqual(["B", "L", "P", "S", "T", "U"]);
    expect(samples.some((s) => s.episodes.filter((e) => e.rne === "S").length > 1)).toBe(true);
  });

  it("keeps to the window it is given, for any seed", () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 2005, max: 2030 }), (seed, year) => {
        const end = dayFromYmd(year, 3, 31);
        const start = dayFromYmd(year - 2, 4, 1);
        const samples = collect(25, seed, { start, end });
        expect(samples).toHaveLength(25);
        checkHistories(samples, start, end);
        const tables = generateSample({ children: 25, seed, start, end });
        expect(readEpisodes(tables.episodes).issues).toEqual([]);
        expect(readChildren(tables.children, tables.uasc).issues).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it("refuses a window that ends before it starts and a negative number of children", () => {
    expect(() => generateSample({ children: 1, seed: 1, start: dayFromYmd(2024, 1, 2), end: dayFromYmd(2024, 1, 1) })).toThrow(RangeError);
    expect(() => generateSample({ children: -1, seed: 1 })).toThrow(RangeError);
  });
});

describe("sampleUnitCosts", () => {
  it("prices every costed group of the sample and leaves temporary placements uncosted", () => {
    const table = sampleUnitCosts();
    const types = new Set(table.rows.map((r) => r[0]));
    expect(types.has("Foster care")).toBe(true);
    expect(types.has("Residential")).toBe(true);
    expect(types.has("Other")).toBe(false);
    const ifaIn = table.rows.find((r) => r[0] === "Foster care" && r[1] === "Agency" && r[2] === "In LA");
    expect(ifaIn?.[3]).toBe(900);
  });
});
