import { useSectionStyles } from "./styles";

export interface Figure {
  label: string;
  value: string;
}

/** Key figures from the latest refresh, label on the left and value on the right. */
export function Figures({ figures, label }: { figures: readonly Figure[]; label: string }) {
  const styles = useSectionStyles();
  if (figures.length === 0) return null;
  return (
    <dl className={styles.figures} aria-label={label}>
      {figures.map((f) => (
        <div key={f.label} className={styles.figureRow}>
          <dt className={styles.figureKey}>{f.label}</dt>
          <dd className={styles.figureValue}>{f.value}</dd>
        </div>
      ))}
    </dl>
  );
}
