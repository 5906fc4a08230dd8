import { Body1, Caption1, Text, makeStyles, tokens } from "@fluentui/react-components";
import { FunctionHelp } from "../functionHelp";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  item: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXXS,
    paddingBottom: tokens.spacingVerticalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
  },
  code: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: "anywhere" },
});

export interface FunctionListProps {
  functions: readonly FunctionHelp[];
}

/** The LAC.* functions with their syntax, one line of help and an example to copy into a cell. */
export function FunctionList({ functions }: FunctionListProps) {
  const styles = useStyles();
  return (
    <section className={styles.section} aria-label="Functions">
      <Body1>
        Type these in any cell. Each takes single cells or whole columns (and then spills a column back); a problem shows as
        #VALUE! or #N/A with the reason in the cell&apos;s error tip.
      </Body1>
      <ul className={styles.list}>
        {functions.map((fn) => (
          <li key={fn.name} className={styles.item}>
            <Text weight="semibold" className={styles.code}>
              {fn.syntax}
            </Text>
            <Body1>{fn.help}</Body1>
            <Caption1 className={styles.code}>{fn.example}</Caption1>
          </li>
        ))}
      </ul>
    </section>
  );
}
