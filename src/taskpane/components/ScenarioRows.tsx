import { Caption1, Spinner, Subtitle2, Text } from "@fluentui/react-components";
import { formatUkDate } from "../../engine/dates";
import { scenarioTotals } from "../../engine/figures";
import type { ScenarioEvaluation } from "../../engine/scenarios";
import { pounds } from "../../reports/common";
import type { ScenarioFiguresState } from "../hooks/useScenarioFigures";
import { Figures } from "./Figures";
import { useSectionStyles } from "./styles";

/**
 * Every row of the Scenarios table with what it saves, valued as LAC Scenarios values it, kept
 * current as rows are added or changed (docs/task-pane-scenarios.md).
 */
export function ScenarioRows({ state }: { state: ScenarioFiguresState }) {
  const styles = useSectionStyles();
  const { figures, valuing, error } = state;
  if (figures === null) return error ? <Caption1 className={styles.wrap}>The scenarios could not be valued: {error}</Caption1> : null;
  const totals = scenarioTotals(figures.rows);
  return (
    <div className={styles.form}>
      <Subtitle2 as="h3" className={styles.heading}>
        What each scenario saves {valuing && <Spinner size="extra-tiny" label="Valuing" labelPosition="after" />}
      </Subtitle2>
      <Caption1 className={styles.hint}>
        Every row of the Scenarios table ({figures.where}), valued as LAC Scenarios will show it, again each time a row is added or changed.
        {figures.monitoredYear !== null && ` The year being monitored is ${figures.monitoredYear}.`} In-year saving: from the effective date to 31 March of
        that financial year.
      </Caption1>
      {error && <Caption1 className={styles.wrap}>The figures below are from before the last change: {error}</Caption1>}
      {figures.problem !== null && <Caption1 className={styles.wrap}>The Scenarios table could not be read: {figures.problem}</Caption1>}
      {figures.rows.length === 0 && figures.problem === null && <Caption1>The table has no scenarios yet: add one with a button above, or type a row into it.</Caption1>}
      <ul className={styles.list} aria-label="Savings by scenario">
        {figures.rows.map((row) => (
          <li key={row.scenario.row} aria-label={row.scenario.name}>
            <ScenarioRow row={row} monitoredYear={figures.monitoredYear} />
          </li>
        ))}
      </ul>
      {figures.unread.length > 0 && (
        <ul className={styles.bullets} aria-label="Rows that cannot be read">
          {figures.unread.map((u) => (
            <li key={`${u.row}:${u.reason}`}>
              <Caption1 className={styles.wrap}>
                Row {u.row} is not valued: {u.reason}.
              </Caption1>
            </li>
          ))}
        </ul>
      )}
      {totals !== null && figures.rows.length > 1 && (
        <Figures
          label="All scenarios valued"
          figures={[
            { label: "Full-year saving", value: pounds(totals.fullYear) },
            { label: "In-year saving, each in its year", value: pounds(totals.inYear) },
          ]}
        />
      )}
    </div>
  );
}

function ScenarioRow({ row, monitoredYear }: { row: ScenarioEvaluation; monitoredYear: string | null }) {
  const styles = useSectionStyles();
  const { scenario, savings } = row;
  const where = `${scenario.row > 0 ? `Row ${scenario.row}, ` : ""}${scenario.kind.toLowerCase()} from ${formatUkDate(scenario.effectiveDate)}`;
  return (
    <>
      <Text weight="semibold" className={styles.wrap}>
        {scenario.name}
      </Text>
      <Caption1 className={styles.hint}> · {where}</Caption1>
      {savings === null ? (
        <Caption1 className={styles.wrap}>
          <br />
          Not valued: {row.error}.
        </Caption1>
      ) : (
        <>
          <SavingsFigures label={`What ${scenario.name} saves`} savings={savings} />
          {monitoredYear !== null && savings.financialYear !== monitoredYear && (
            <Caption1 className={styles.wrap}>
              It takes effect in {savings.financialYear}, not in the year being monitored ({monitoredYear}), so its in-year saving falls in {savings.financialYear}.
            </Caption1>
          )}
        </>
      )}
    </>
  );
}

/** A scenario's weekly, full-year and in-year saving, the year named: the same three figures wherever the pane shows a scenario. */
export function SavingsFigures({ label, savings }: { label: string; savings: NonNullable<ScenarioEvaluation["savings"]> }) {
  return (
    <Figures
      label={label}
      figures={[
        { label: "Weekly saving", value: pounds(savings.weekly) },
        { label: "Full-year saving", value: pounds(savings.fullYear) },
        { label: `In-year saving ${savings.financialYear}`, value: pounds(savings.inYear) },
      ]}
    />
  );
}
