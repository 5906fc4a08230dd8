import { Caption1, Image, Title3, makeStyles, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  header: {
    display: "flex",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorNeutralBackground2,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  titles: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXXS },
  title: { margin: 0 },
  icon: { flexShrink: 0 },
});

export interface HeaderProps {
  title: string;
  subtitle: string;
}

export function Header({ title, subtitle }: HeaderProps) {
  const styles = useStyles();
  return (
    <header className={styles.header}>
      <Image className={styles.icon} src="assets/icon-64.png" alt="" width={32} height={32} />
      <div className={styles.titles}>
        <Title3 as="h1" className={styles.title}>
          {title}
        </Title3>
        <Caption1>{subtitle}</Caption1>
      </div>
    </header>
  );
}
