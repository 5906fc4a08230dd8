import { Day, dayFromYmd } from "../../../src/engine/dates";
import { Child, Episode } from "../../../src/engine/episodes";
import { anEpisode, nextRowNumber } from "../builders";

/** "2020-01-31" as a Day. */
export function day(iso: string): Day {
  const [y, m, d] = iso.split("-").map(Number);
  return dayFromYmd(y, m, d);
}

export function episode(child: string, start: string, end: string | null, place: string, fields: Partial<Episode> = {}): Episode {
  return anEpisode({ child, start: day(start), end: end === null ? null : day(end), place, rec: end === null ? "" : "X1", location: "N/A", ...fields });
}

export function child(id: string, dob: string): Child {
  return { row: nextRowNumber(), child: id, sex: "1", dob: day(dob), ethnic: "WBRI", uasc: false };
}
