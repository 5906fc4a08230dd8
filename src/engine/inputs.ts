/**
 * The one registry of the engine's inputs: for each kind, the names a table may carry to be
 * taken as it, its fields, whether a refresh needs it, and what it is for. The pipeline
 * (pipeline.ts) reads each kind with its reader; the workbook layer finds tables by these
 * names and fields; the pane shows the purposes. Nothing else keeps a list of inputs.
 */

import { BENCHMARK_FIELDS } from "./benchmarks";
import { CHILD_FIELDS, EPISODE_FIELDS, UASC_FIELDS } from "./episodes";
import { PLACEMENT_TYPE_OVERRIDE_FIELDS } from "./placementGroups";
import { REVIEW_FIELDS } from "./placementReview";
import { SCENARIO_FIELDS } from "./scenarios";
import type { FieldSpec } from "./table";
import { UNIT_COST_FIELDS } from "./unitCosts";
import { BUDGET_FIELDS } from "./variance";

export type InputKind = "Episodes" | "Children" | "UASC" | "Unit costs" | "Budget" | "Scenarios" | "Placement types" | "Placement review" | "Benchmarks";

export const INPUT_KINDS: readonly InputKind[] = ["Episodes", "Children", "UASC", "Unit costs", "Budget", "Scenarios", "Placement types", "Placement review", "Benchmarks"];

export interface InputDefinition {
  kind: InputKind;
  /** Names a table or sheet may carry to be taken as this input, normalised (letters and digits, lower case). */
  names: readonly string[];
  fields: readonly FieldSpec[];
  /** A refresh cannot cost or forecast without it. */
  required: boolean;
  /** What it is for, in a few words. */
  purpose: string;
}

export const INPUTS: Readonly<Record<InputKind, InputDefinition>> = {
  Episodes: {
    kind: "Episodes",
    names: ["episodes", "episode", "ssda903episodes"],
    fields: EPISODE_FIELDS,
    required: true,
    purpose: "SSDA903 episodes: costs and forecast",
  },
  Children: {
    kind: "Children",
    names: ["children", "child", "header", "childheader", "ssda903header"],
    fields: CHILD_FIELDS,
    required: true,
    purpose: "SSDA903 header: ages and needs",
  },
  UASC: { kind: "UASC", names: ["uasc"], fields: UASC_FIELDS, required: false, purpose: "Unaccompanied asylum-seeking children" },
  "Unit costs": {
    kind: "Unit costs",
    names: ["unitcosts", "unitcost", "ratecard"],
    fields: UNIT_COST_FIELDS,
    required: false,
    purpose: "Weekly cost per placement type",
  },
  Budget: { kind: "Budget", names: ["budget", "budgets", "budgetlines"], fields: BUDGET_FIELDS, required: false, purpose: "Budget lines: the variance report" },
  Scenarios: { kind: "Scenarios", names: ["scenarios", "scenario"], fields: SCENARIO_FIELDS, required: false, purpose: "Planned changes: the savings" },
  "Placement types": {
    kind: "Placement types",
    names: ["placementtypes", "placementtype", "placementtypemapping"],
    fields: PLACEMENT_TYPE_OVERRIDE_FIELDS,
    required: false,
    purpose: "Your own placement types",
  },
  "Placement review": {
    kind: "Placement review",
    names: ["placementreview", "placementreviews", "highcostreview", "reviewtracker"],
    fields: REVIEW_FIELDS,
    required: false,
    purpose: "Planned changes to high-cost placements: the review tracker",
  },
  Benchmarks: {
    kind: "Benchmarks",
    names: ["benchmarks", "benchmark", "statisticalneighbours", "neighbours"],
    fields: BENCHMARK_FIELDS,
    required: false,
    purpose: "Neighbours', the region's and England's rates and placement mix: LAC Benchmark",
  },
};
