import {
  canonicalPlacementType,
  placementGroupLabel,
  placementGroupOf,
  placementTypeOf,
  providedByOf,
  providerFromText,
  readPlacementTypeOverrides,
} from "../../src/engine/placementGroups";

describe("placement type from PLACE (docs/method/costs.md)", () => {
  // The design's table, written out code by code.
  const DESIGN_TABLE: [string, string][] = [
    ["A3 A4 A5 A6", "Adoption"],
    ["U1 U2 U3", "Kinship care"],
    ["U4 U5 U6", "Foster care"],
    ["K1", "Secure"],
    ["K2 R1 P3", "Residential"],
    ["S1", "Residential+Education"],
    ["R2", "Residential+Health"],
    ["R3", "Mother And Baby"],
    ["R5", "Young Offenders Inst"],
    ["P1", "Placed with parents"],
    ["P2", "Independence"],
    ["H5 K3", "Semi-Independence"],
    ["T1", "Hospital"],
    ["T0 T2 T3 T4 Z1", "Other"],
    ["", "Unknown"],
    ["Q9", "Unknown"],
  ];
  test.each(DESIGN_TABLE)("%p -> %s", (codes, type) => {
    for (const code of codes === "" ? [""] : codes.split(" ")) expect(placementTypeOf(code)).toBe(type);
  });

  test("codes are read whatever their case and spacing", () => {
    expect(placementTypeOf(" u4 ")).toBe("Foster care");
  });

  test("a workbook table overrides the default for the codes it lists", () => {
    const overrides = new Map([
      ["P1", "Foster care"],
      ["Z1", "Staying put"],
    ]);
    expect(placementTypeOf("P1", overrides)).toBe("Foster care");
    expect(placementTypeOf("Z1", overrides)).toBe("Staying put");
    expect(placementTypeOf("K2", overrides)).toBe("Residential");
  });
});

describe("provided by", () => {
  test.each([
    ["PR0", "Parents"],
    ["PR1", "LA"],
    ["PR2", "LA"],
    ["PR3", "LA"],
    ["PR4", "Agency"],
    ["PR5", "Agency"],
    ["pr4", "Agency"],
    ["", "Unknown"],
    ["PR9", "Unknown"],
  ])("%p -> %s", (code, provided) => {
    expect(providedByOf(code)).toBe(provided);
  });

  test.each([
    ["LA", "LA"],
    ["In-house", "LA"],
    ["Local Authority", "LA"],
    ["Agency", "Agency"],
    ["IFA", "Agency"],
    ["Independent", "Agency"],
    ["parents", "Parents"],
    ["PR5", "Agency"],
    ["somebody", null],
  ])("a rate card's %p -> %p", (text, provided) => {
    expect(providerFromText(text)).toBe(provided);
  });
});

describe("labels", () => {
  test("provided + type in title case + location, like the Loughborough cost calculator", () => {
    expect(placementGroupOf("U4", "PR4", "In LA").label).toBe("Agency Foster Care in LA");
    expect(placementGroupOf("K2", "PR1", "Out LA").label).toBe("LA Residential out LA");
    expect(placementGroupOf("U6", "PR5", "N/A").label).toBe("Agency Foster Care");
    expect(placementGroupOf("U1", "PR2", "In LA").label).toBe("LA Kinship Care in LA");
    expect(placementGroupOf("S1", "PR4", "Out LA").label).toBe("Agency Residential+Education out LA");
    expect(placementGroupOf("P1", "PR0", "In LA").label).toBe("Parents Placed With Parents in LA");
    expect(placementGroupOf("H5", "PR4", "N/A").label).toBe("Agency Semi-Independence");
  });

  test("an unknown provider is left out and an unknown type says so", () => {
    expect(placementGroupOf("U4", "", "In LA").label).toBe("Foster Care in LA");
    expect(placementGroupOf("", "PR1", "Out LA").label).toBe("LA Unknown Placement out LA");
    expect(placementGroupOf("", "", "N/A").label).toBe("Unknown Placement");
  });

  test("the group keeps the parts apart from the label", () => {
    expect(placementGroupOf("U4", "PR4", "Out LA")).toEqual({
      type: "Foster care",
      provided: "Agency",
      location: "Out LA",
      label: "Agency Foster Care out LA",
    });
  });

  test("a user's own type keeps its capitals", () => {
    expect(placementGroupLabel("IFA step-down", "Agency", "In LA")).toBe("Agency IFA Step-down in LA");
  });
});

describe("readPlacementTypeOverrides", () => {
  test("reads PLACE -> TYPE, canonicalising built-in type names and reporting bad rows", () => {
    const result = readPlacementTypeOverrides({
      headers: ["Placement code", "Placement type"],
      rows: [
        ["p1", "foster CARE"],
        ["Z1", "Staying put"],
        ["", "Residential"],
        ["K1", ""],
        [null, null],
        ["Z1", "Supported lodgings"],
      ],
    });
    expect(result.rowsIn).toBe(5);
    expect(result.records.length + result.rowsRejected).toBe(result.rowsIn);
    expect([...result.overrides]).toEqual([
      ["P1", "Foster care"],
      ["Z1", "Supported lodgings"],
    ]);
    expect(result.issues.map((i) => [i.row, i.column])).toEqual([
      [4, "PLACE"],
      [5, "TYPE"],
      [3, "PLACE"],
    ]);
    expect(placementGroupOf("P1", "PR1", "In LA", result.overrides).label).toBe("LA Foster Care in LA");
  });

  test("canonicalPlacementType matches spellings of the built-in types only", () => {
    expect(canonicalPlacementType("semi independence")).toBe("Semi-Independence");
    expect(canonicalPlacementType(" RESIDENTIAL + education ")).toBe("Residential+Education");
    expect(canonicalPlacementType("Staying put")).toBe("Staying put");
  });
});
