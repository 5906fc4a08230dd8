import { Day, dayFromYmd } from "../../../src/engine/dates";
import { Child, Episode } from "../../../src/engine/episodes";

/** "2020-01-31" as a Day. */
export function day(iso: string): Day {
  const [y, m, d] = iso.split("-").map(Number);
  return dayFromYmd(y, m, d);
}

let row = 1;

export function episode(child: string, start: string, end: string | null, place: string, fields: Partial<Episode> = {}): Episode {
  row += 1;
  return {
    row,
    child,
    start: day(start),
    end: end === null ? null : day(end),
    rne: "S",
    ls: "C2",
    cin: "N1",
    place,
    provider: "PR1",
    rec: end === null ? "" : "X1",
    reasonPlaceChange: "",
    urn: "",
    weeklyCost: null,
    location: "N/A",
    ebd: false,
    ...fields,
  };
}

export function child(id: string, dob: string): Child {
  row += 1;
  return { row, child: id, sex: "1", dob: day(dob), ethnic: "WBRI", uasc: false };
}
