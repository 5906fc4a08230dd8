/** Spacing and layout shared by the sections, so that every section reads the same at 320–350 px. */

import { makeStyles, tokens } from "@fluentui/react-components";

export const useSectionStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM, paddingBottom: tokens.spacingVerticalS },
  form: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  /** Two fields side by side (e.g. from / to); each takes half the pane. */
  pair: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr) minmax(0, 1fr)",
    alignItems: "start",
    columnGap: tokens.spacingHorizontalS,
    "& > *": { minWidth: 0 },
  },
  /** An input that fills its field, however narrow the pane. */
  input: { width: "100%", minWidth: 0 },
  actions: { display: "flex", flexWrap: "wrap", alignItems: "center", columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS },
  /** Buttons one under the other, full width (the scenario presets). */
  stack: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  stackButton: { justifyContent: "flex-start", textAlign: "start", width: "100%", maxWidth: "none" },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS },
  bullets: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXXS },
  hint: { color: tokens.colorNeutralForeground3 },
  heading: { margin: `${tokens.spacingVerticalS} 0 0` },
  figures: {
    display: "grid",
    gridTemplateColumns: "auto 1fr",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusMedium,
  },
  figureRow: { display: "contents" },
  figureValue: { margin: 0, textAlign: "end", fontVariantNumeric: "tabular-nums", fontWeight: tokens.fontWeightSemibold },
  figureKey: { color: tokens.colorNeutralForeground2 },
  wrap: { overflowWrap: "anywhere" },
  saved: { color: tokens.colorPaletteGreenForeground1 },
});
