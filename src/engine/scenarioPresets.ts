/**
 * The presets behind the task pane's scenario buttons: each makes a row for the Scenarios table
 * with defaults drawn from the data (how many children, at what weekly costs, from when), which
 * the user then edits. A placement move takes effect some months after the data's last date,
 * because a move takes about six months to complete.
 */

import { Day, addMonths, ageInYears, dayFromYmd, financialYearLabel, financialYearLastDay, formatUkDate, ymdOfDay } from "./dates";
import { Child, Episode, dataLastDate } from "./episodes";
import { GroupCache } from "./costs";
import { PlacementGroup, PlacementTypeOverrides } from "./placementGroups";
import { Scenario, ScenarioError, ScenarioHeader, scenarioRow } from "./scenarios";
import { Cell } from "./table";
import { UnitCostTable } from "./unitCosts";

export type PresetName =
  | "Children's home → in-house foster care"
  | "IFA → in-house foster care"
  | "Children's home → supported accommodation"
  | "Reduce entries by 10%"
  | "Increase reunification by 20%"
  | "Agency social workers → permanent";

/** A set of placements a move starts from or goes to, and how to price one from the unit-cost table. */
interface PlacementSet {
  label: string;
  matches: (group: PlacementGroup) => boolean;
  /** The group looked up in the unit-cost table for a new placement. */
  unitCostGroup: Pick<PlacementGroup, "type" | "provided" | "location">;
  /** Only children at least this old can move (supported accommodation is for 16 and 17 year olds). */
  minAge?: number;
}

const CHILDRENS_HOMES: PlacementSet = {
  label: "children's homes",
  matches: (g) => g.type === "Residential",
  unitCostGroup: { type: "Residential", provided: "Agency", location: "In LA" },
};
const IFA: PlacementSet = {
  label: "IFA foster care",
  matches: (g) => g.type === "Foster care" && g.provided === "Agency",
  unitCostGroup: { type: "Foster care", provided: "Agency", location: "In LA" },
};
const IN_HOUSE_FOSTERING: PlacementSet = {
  label: "in-house foster care",
  matches: (g) => g.type === "Foster care" && g.provided === "LA",
  unitCostGroup: { type: "Foster care", provided: "LA", location: "In LA" },
};
const SUPPORTED_ACCOMMODATION: PlacementSet = {
  label: "supported accommodation",
  matches: (g) => g.type === "Semi-Independence",
  unitCostGroup: { type: "Semi-Independence", provided: "Agency", location: "In LA" },
};

/** Share of the children now in the source group a preset moves (at least one). */
export const PRESET_MOVE_SHARE = 0.1;
/** A move, or a change in practice, takes about six months to put in place. */
export const PRESET_LEAD_MONTHS = 6;
/**
 * Workforce defaults, for the user to replace with their own: five posts; an agency social worker
 * at about £45 an hour for 37 hours a week, 52 weeks (£86,580); a permanent one at about £40,000
 * salary plus 30% on-costs (£52,000).
 */
export const PRESET_AGENCY_FTE = 5;
export const PRESET_AGENCY_COST_PER_FTE = 86_580;
export const PRESET_PERMANENT_COST_PER_FTE = 52_000;

type PresetSpec =
  | { name: PresetName; kind: "Placement move"; from: PlacementSet; to: PlacementSet }
  | { name: PresetName; kind: "Demand change"; entriesChange: number; reunificationChange: number; permanenceChange: number }
  | { name: PresetName; kind: "Workforce" };

const PRESET_SPECS: readonly PresetSpec[] = [
  { name: "Children's home → in-house foster care", kind: "Placement move", from: CHILDRENS_HOMES, to: IN_HOUSE_FOSTERING },
  { name: "IFA → in-house foster care", kind: "Placement move", from: IFA, to: IN_HOUSE_FOSTERING },
  {
    name: "Children's home → supported accommodation",
    kind: "Placement move",
    from: { ...CHILDRENS_HOMES, label: "children's homes, aged 16 or over", minAge: 16 },
    to: SUPPORTED_ACCOMMODATION,
  },
  { name: "Reduce entries by 10%", kind: "Demand change", entriesChange: -0.1, reunificationChange: 0, permanenceChange: 0 },
  { name: "Increase reunification by 20%", kind: "Demand change", entriesChange: 0, reunificationChange: 0.2, permanenceChange: 0 },
  { name: "Agency social workers → permanent", kind: "Workforce" },
];

export const PRESET_NAMES: readonly PresetName[] = PRESET_SPECS.map((p) => p.name);

export interface PresetContext {
  episodes: readonly Episode[];
  children?: readonly Child[];
  unitCosts?: UnitCostTable;
  nationalUnitCosts?: UnitCostTable;
  overrides?: PlacementTypeOverrides;
  /** The day the data describes; the data's last date unless given. */
  asAt?: Day;
}

export interface PresetScenario {
  scenario: Scenario;
  /** How each default was drawn from the data, in words for the pane. */
  explanation: string[];
}


function counted(n: number, word: string, plural = `${word}s`): string {
  return `${n} ${n === 1 ? word : plural}`;
}

function roundPounds(value: number): number {
  return Math.round(value);
}

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Open placements on a day in a set, with each one's weekly cost (its own, else the unit cost; null when neither). */
function openPlacements(set: PlacementSet, context: PresetContext, asAt: Day, groups: GroupCache): { child: string; weekly: number | null }[] {
  const dobs = new Map((context.children ?? []).map((c) => [c.child, c.dob]));
  const open: { child: string; weekly: number | null }[] = [];
  for (const e of context.episodes) {
    if (e.start > asAt || (e.end !== null && e.end <= asAt)) continue;
    const { group, unitWeeklyCost } = groups.lookup(e.place, e.provider, e.location);
    if (!set.matches(group)) continue;
    if (set.minAge !== undefined) {
      const dob = dobs.get(e.child);
      if (dob !== undefined && ageInYears(dob, asAt) < set.minAge) continue;
    }
    open.push({ child: e.child, weekly: e.weeklyCost ?? unitWeeklyCost });
  }
  return open;
}

/**
 * The day a preset takes effect, inside the financial year being monitored (the year of the
 * data's last date), so that its in-year saving is that year's: six months on, as a move takes
 * about that long; where six months would pass 31 March, the 1st of the month after the data's
 * last date, and the explanation says so.
 */
export function presetEffectiveDate(asAt: Day): { day: Day; explanation: string } {
  const yearEnd = financialYearLastDay(asAt);
  const typical = addMonths(asAt, PRESET_LEAD_MONTHS);
  if (typical <= yearEnd) return { day: typical, explanation: `Effective date: ${PRESET_LEAD_MONTHS} months after the data's last date (a move takes about six months)` };
  const { year, month } = ymdOfDay(asAt);
  const nextMonth = dayFromYmd(year, month + 1, 1);
  const day = nextMonth <= yearEnd ? nextMonth : yearEnd;
  return {
    day,
    explanation:
      `Effective date: ${formatUkDate(day)}, inside ${financialYearLabel(asAt)}, the year being monitored; a move takes about ${PRESET_LEAD_MONTHS} months, ` +
      `which would put it after 31 March (${formatUkDate(typical)}): enter a later date if it will`,
  };
}

function movePreset(spec: Extract<PresetSpec, { kind: "Placement move" }>, context: PresetContext, asAt: Day, effective: { day: Day; explanation: string }): PresetScenario {
  const effectiveDate = effective.day;
  const groups = new GroupCache({ unitCosts: context.unitCosts, nationalUnitCosts: context.nationalUnitCosts, overrides: context.overrides });
  const explanation: string[] = [];
  const from = openPlacements(spec.from, context, asAt, groups);
  const inSource = new Set(from.map((p) => p.child)).size;
  const children = Math.max(1, Math.round(inSource * PRESET_MOVE_SHARE));
  explanation.push(
    inSource > 0
      ? `Children: ${Math.round(PRESET_MOVE_SHARE * 100)}% (at least 1) of the ${counted(inSource, "child", "children")} in ${spec.from.label} on the data's last date`
      : `Children: 1 (no child was in ${spec.from.label} on the data's last date)`,
  );

  const priced = (placements: { weekly: number | null }[]) => placements.map((p) => p.weekly).filter((w): w is number => w !== null);
  const fromCosts = priced(from);
  let currentWeekly = mean(fromCosts);
  if (currentWeekly !== null) {
    explanation.push(`Current weekly cost: the mean weekly cost of the ${counted(fromCosts.length, "open placement")} in ${spec.from.label}`);
  } else {
    currentWeekly = context.unitCosts?.weeklyCostFor(spec.from.unitCostGroup) ?? null;
    explanation.push(
      currentWeekly !== null
        ? `Current weekly cost: the unit cost of ${spec.from.label} (no open placement has a cost)`
        : `Current weekly cost: no cost found for ${spec.from.label}: enter one`,
    );
  }

  let newWeekly = context.unitCosts?.weeklyCostFor(spec.to.unitCostGroup) ?? null;
  if (newWeekly !== null) {
    explanation.push(`New weekly cost: the unit cost of ${spec.to.label}`);
  } else {
    const toCosts = priced(openPlacements(spec.to, context, asAt, groups));
    newWeekly = mean(toCosts);
    explanation.push(
      newWeekly !== null
        ? `New weekly cost: the mean weekly cost of the ${counted(toCosts.length, "open placement")} in ${spec.to.label}`
        : `New weekly cost: no cost found for ${spec.to.label}: enter one`,
    );
  }
  explanation.push(effective.explanation);
  return {
    scenario: {
      kind: "Placement move",
      row: 0,
      name: spec.name,
      effectiveDate,
      from: spec.from.label,
      to: spec.to.label,
      children,
      currentWeekly: roundPounds(currentWeekly ?? 0),
      newWeekly: roundPounds(newWeekly ?? 0),
      basis: "per child",
    },
    explanation,
  };
}

/**
 * A preset scenario with defaults drawn from the data: for a placement move, a tenth (at least
 * one) of the children now in the source group, their mean weekly cost, and the destination's
 * unit cost (else its observed mean); every preset takes effect inside the year being monitored
 * (presetEffectiveDate). Throws a ScenarioError when there are no episodes to draw from.
 */
export function presetScenario(name: PresetName, context: PresetContext): PresetScenario {
  const spec = PRESET_SPECS.find((p) => p.name === name);
  if (!spec) throw new ScenarioError(`"${name}" is not a preset (one of ${PRESET_NAMES.join("; ")})`);
  const asAt = context.asAt ?? dataLastDate(context.episodes);
  if (asAt === null) throw new ScenarioError("there are no episodes to draw the preset's defaults from");
  const effective = presetEffectiveDate(asAt);
  const effectiveDate = effective.day;
  if (spec.kind === "Placement move") return movePreset(spec, context, asAt, effective);
  if (spec.kind === "Demand change") {
    return {
      scenario: {
        kind: "Demand change",
        row: 0,
        name: spec.name,
        effectiveDate,
        entriesChange: spec.entriesChange,
        reunificationChange: spec.reunificationChange,
        permanenceChange: spec.permanenceChange,
      },
      explanation: [effective.explanation],
    };
  }
  return {
    scenario: {
      kind: "Workforce",
      row: 0,
      name: spec.name,
      effectiveDate,
      fte: PRESET_AGENCY_FTE,
      currentCostPerFte: PRESET_AGENCY_COST_PER_FTE,
      newCostPerFte: PRESET_PERMANENT_COST_PER_FTE,
    },
    explanation: [
      `FTE: ${PRESET_AGENCY_FTE} posts, typical figures to replace with your own`,
      "Current cost per FTE: an agency social worker at about £45 an hour, 37 hours a week, 52 weeks",
      "New cost per FTE: a permanent social worker at about £40,000 salary plus 30% on-costs",
      effective.explanation,
    ],
  };
}

/** A preset as a row for the Scenarios table, with how its defaults were drawn. */
export function presetScenarioRow(name: PresetName, context: PresetContext): { row: Record<ScenarioHeader, Cell>; explanation: string[] } {
  const preset = presetScenario(name, context);
  return { row: scenarioRow(preset.scenario), explanation: preset.explanation };
}
