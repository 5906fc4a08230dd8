import * as fs from "fs";
import * as path from "path";
import {
  PLACE_CODES,
  PLACE_CODE_LISTS,
  PLACEMENT_TYPE_BY_PLACE,
  collectionYearLabel,
  collectionYearOfEpisode,
  collectionYearOfText,
  placeCodeIssue,
  placeCodeListFor,
  placeCodeStatus,
  placementCategory,
} from "../../src/engine/codes";
import { dayFromYmd, parseDate } from "../../src/engine/dates";
import { needsMask } from "../../src/engine/needs";
import { parseCsv } from "../../src/workbook/csv";

describe("PLACE code lists by collection year", () => {
  it("has a sourced list for every year from 2017-18 to 2025-26, each of whose codes maps to a type and category", () => {
    expect(PLACE_CODE_LISTS.map((list) => collectionYearLabel(list.year))).toEqual([
      "2017-18", "2018-19", "2019-20", "2020-21", "2021-22", "2022-23", "2023-24", "2024-25", "2025-26",
    ]);
    for (const list of PLACE_CODE_LISTS) {
      expect(list.source).toMatch(/SSDA903/);
      for (const code of list.codes) {
        expect(PLACEMENT_TYPE_BY_PLACE[code]).toBeDefined();
        expect(PLACE_CODES.find((entry) => entry.code === code)?.description).toBeTruthy();
      }
    }
    // Every code the product knows is in some year's list.
    for (const entry of PLACE_CODES) expect(PLACE_CODE_LISTS.some((list) => list.codes.has(entry.code))).toBe(true);
  });

  it("follows the changes: K3 from 2024-25; H5, P2 and Z1 out and Z11–Z14 in from 2025-26", () => {
    expect(placeCodeStatus("K3", 2023)).toBe("unknown-for-year");
    expect(placeCodeStatus("K3", 2024)).toBe("known");
    expect(placeCodeStatus("H5", 2024)).toBe("known");
    for (const code of ["H5", "P2", "Z1"]) expect(placeCodeStatus(code, 2025)).toBe("unknown-for-year");
    for (const code of ["Z11", "Z12", "Z13", "Z14"]) {
      expect(placeCodeStatus(code, 2025)).toBe("known");
      expect(placeCodeStatus(code, 2022)).toBe("unknown-for-year");
      expect(PLACEMENT_TYPE_BY_PLACE[code]).toBe("Other");
    }
    expect(placeCodeStatus("u4", 2019)).toBe("known");
    expect(placeCodeStatus("X9", 2019)).toBe("not-a-code");
    // Before the first list and after the last, the nearest list applies.
    expect(placeCodeListFor(2010).year).toBe(2017);
    expect(placeCodeListFor(2030).year).toBe(2025);
  });

  it("keeps the forecast categories and needs flags of docs/method/costs.md and docs/method/forecast.md", () => {
    expect(["U1", "U6"].map(placementCategory)).toEqual(["Fostering", "Fostering"]);
    expect(["K2", "R1", "P3", "S1"].map(placementCategory)).toEqual(Array(4).fill("Residential"));
    expect(["H5", "K3", "P2"].map(placementCategory)).toEqual(Array(3).fill("Supported"));
    expect(["K1", "Z11", "T1", "", "??"].map(placementCategory)).toEqual(Array(5).fill("Other"));
    expect(needsMask({ cin: "N1", ls: "C2", place: "R5", ebd: false }, false)).toBe(4);
    expect(needsMask({ cin: "N1", ls: "C2", place: "K2", ebd: false }, false)).toBe(0);
  });

  it("explains a code its year does not list", () => {
    expect(placeCodeIssue("H5", 2025)).toBe("PLACE H5 is not in the 2025-26 SSDA903 code list (it is used in 2017-18 to 2024-25); costed as Semi-Independence");
    expect(placeCodeIssue("Z12", 2020)).toMatch(/not in the 2020-21 SSDA903 code list \(it is used in 2025-26\); costed as Other/);
    expect(placeCodeIssue("Q7", 2020)).toBe('PLACE "Q7" is not an SSDA903 placement code in any year since 2017-18; costed as Unknown');
    expect(placeCodeIssue("U4", 2020)).toBeNull();
    expect(placeCodeIssue("", 2020)).toBeNull();
  });

  it("finds an episode's collection year from YEAR or from its dates", () => {
    expect(collectionYearOfText("2017")).toBe(2017);
    expect(collectionYearOfText("2023-24")).toBe(2023);
    expect(collectionYearOfText("2023/2024")).toBe(2023);
    expect(collectionYearOfText("2023-25")).toBeNull();
    expect(collectionYearOfText("last year")).toBeNull();
    // Ended on 1 April 2018: its last day in care, 31 March 2018, is in 2017-18.
    expect(collectionYearOfEpisode(dayFromYmd(2018, 4, 1), dayFromYmd(2019, 1, 1))).toBe(2017);
    expect(collectionYearOfEpisode(null, dayFromYmd(2024, 3, 31))).toBe(2023);
  });
});

/** Public synthetic SSDA903 data kept beside the repository; the project must work without it. */
const SHARED = path.resolve(__dirname, "..", "..", "..", "shared", "data");
const present = fs.existsSync(path.join(SHARED, "ssda903-sf-sample")) && fs.existsSync(path.join(SHARED, "ssda903-d2i-fake"));
if (!present) console.log(`test/engine/codeLists.test.ts: skipped, ${SHARED} is absent`);
const describeShared = present ? describe : describe.skip;

describeShared("the shared SSDA903 datasets against their years' code lists", () => {
  function unknownCodes(dataset: string): string[] {
    const table = parseCsv(fs.readFileSync(path.join(SHARED, dataset, "episodes.csv"), "utf8"));
    const column = (name: string) => table.headers.indexOf(name);
    const [place, year, dec] = [column("PLACE"), column("YEAR"), column("DEC")];
    const lastDate = Math.max(...table.rows.flatMap((row) => [parseDate(row[column("DECOM")]), parseDate(row[dec])]).filter((d): d is number => d !== null));
    const unknown = new Set<string>();
    for (const row of table.rows) {
      const code = String(row[place] ?? "");
      const fromYear = year >= 0 ? collectionYearOfText(String(row[year] ?? "")) : null;
      const collectionYear = fromYear ?? collectionYearOfEpisode(parseDate(row[dec]), lastDate);
      if (code !== "" && placeCodeStatus(code, collectionYear) !== "known") unknown.add(`${code} in ${collectionYearLabel(collectionYear)}`);
    }
    return [...unknown];
  }

  it("finds every PLACE code of the Social Finance sample (YEAR 2017–2021) in its year's list", () => {
    expect(unknownCodes("ssda903-sf-sample")).toEqual([]);
  });

  it("finds every PLACE code of the data-to-insight fake return (2017-18, no YEAR) in its year's list", () => {
    expect(unknownCodes("ssda903-d2i-fake")).toEqual([]);
  });
});
