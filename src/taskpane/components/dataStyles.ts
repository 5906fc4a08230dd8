import { makeStyles, tokens } from "@fluentui/react-components";

export const useDataStyles = makeStyles({
  row: {
    display: "flex",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} 0`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
  },
  text: { display: "flex", flexDirection: "column", flexGrow: 1, minWidth: 0 },
  where: { overflowWrap: "anywhere" },
  missing: { color: tokens.colorPaletteRedForeground1 },
  purpose: { color: tokens.colorNeutralForeground3 },
  editor: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  fieldRow: { display: "grid", gridTemplateColumns: "minmax(0, 2fr) minmax(0, 3fr)", alignItems: "center", columnGap: tokens.spacingHorizontalS },
  fieldName: { overflowWrap: "anywhere" },
  hiddenInput: { display: "none" },
});
