import { Body1, Button, Caption1, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Subtitle2 } from "@fluentui/react-components";
import { useState } from "react";
import { PRESET_NAMES, PresetName } from "../../engine/scenarioPresets";
import { useBusy } from "../hooks/useBusy";
import { useHost } from "../hooks/useHost";
import { useInputs } from "../hooks/useInputs";
import { useScenarioFigures } from "../hooks/useScenarioFigures";
import { useSettings } from "../hooks/useSettings";
import { useTask } from "../hooks/useTask";
import { describeLocation } from "../inputs";
import { AddedPreset, addPresetScenario } from "../scenarioPresets";
import { SavingsFigures, ScenarioRows } from "./ScenarioRows";
import { TaskStatus } from "./TaskStatus";
import { useSectionStyles } from "./styles";

const PLACEMENT_MOVES: readonly PresetName[] = [
  "Children's home → in-house foster care",
  "IFA → in-house foster care",
  "Children's home → supported accommodation",
];
const OTHER_CHANGES = PRESET_NAMES.filter((name) => !PLACEMENT_MOVES.includes(name));

/** Preset buttons, each adding a row with defaults drawn from the data to the Scenarios table. */
export function ScenariosSection() {
  const styles = useSectionStyles();
  const { port } = useHost();
  const { settings } = useSettings();
  const inputs = useInputs();
  const busy = useBusy();
  const task = useTask();
  const rows = useScenarioFigures();
  const [added, setAdded] = useState<AddedPreset | null>(null);
  const scenarios = inputs.locations?.find((l) => l.kind === "Scenarios") ?? null;
  const add = async (preset: PresetName) => {
    setAdded(null);
    const result = await task.run((report) => addPresetScenario(port, preset, settings ?? {}, (step) => report(step)));
    if (result) {
      setAdded(result);
      void inputs.reload();
      void rows.revalue();
    }
  };

  const presetButton = (name: PresetName) => (
    <Button key={name} className={styles.stackButton} appearance="secondary" disabled={busy || settings === null} onClick={() => void add(name)}>
      {name}
    </Button>
  );

  return (
    <div className={styles.section}>
      <Body1>
        Each button adds a planned change to the Scenarios table, with figures drawn from your data. Every row of the table is valued below as
        soon as it is added or changed: weekly, full-year and in-year savings, as LAC Scenarios shows them after a refresh.
      </Body1>
      <Caption1 className={styles.hint}>
        {scenarios?.label
          ? `Scenarios: ${describeLocation(scenarios)}${scenarios.info?.source === "table" ? `, ${scenarios.info.rowCount} rows` : ""}`
          : "No Scenarios table yet: the first button makes one on a new sheet, Scenarios."}
      </Caption1>
      <Subtitle2 as="h3" className={styles.heading}>Placement moves</Subtitle2>
      <div className={styles.stack}>{PLACEMENT_MOVES.map(presetButton)}</div>
      <Subtitle2 as="h3" className={styles.heading}>Demand and workforce</Subtitle2>
      <div className={styles.stack}>{OTHER_CHANGES.map(presetButton)}</div>
      <TaskStatus task={task} failureTitle="The scenario could not be added" />
      {added && <AddedMessage added={added} onDismiss={() => setAdded(null)} />}
      <ScenarioRows state={rows} />
    </div>
  );
}

/** The preset's saving, valued at once as LAC Scenarios values it: weekly, full year, and in the year it takes effect. */
function PresetSavings({ added }: { added: AddedPreset }) {
  if (added.savings === null) return <Caption1>Not valued yet: {added.error ?? "see LAC Scenarios after a refresh"}.</Caption1>;
  return <SavingsFigures label="What it saves" savings={added.savings} />;
}

function AddedMessage({ added, onDismiss }: { added: AddedPreset; onDismiss: () => void }) {
  const styles = useSectionStyles();
  return (
    <MessageBar intent={added.added ? "success" : "warning"} layout="multiline">
      <MessageBarBody className={styles.wrap}>
        {added.added ? (
          <>
            <MessageBarTitle>Added “{added.preset}”</MessageBarTitle>
            Row {added.row} of sheet {added.sheet}. Change its figures there if you like: what it saves, below, follows.
          </>
        ) : (
          <>
            <MessageBarTitle>Add “{added.preset}” to your table by hand</MessageBarTitle>
            Your Scenarios table ({added.where}) is your own, so the add-in does not write into it. Add this row:
            <ul className={styles.bullets} aria-label="The row to add">
              {added.headers.map((header, j) =>
                added.cells[j] === "" ? null : (
                  <li key={header}>
                    <Caption1>
                      {header}: {added.cells[j]}
                    </Caption1>
                  </li>
                ),
              )}
            </ul>
          </>
        )}
        <PresetSavings added={added} />
        <ul className={styles.bullets} aria-label="How the figures were chosen">
          {added.explanation.map((line) => (
            <li key={line}>
              <Caption1>{line}</Caption1>
            </li>
          ))}
        </ul>
      </MessageBarBody>
      <MessageBarActions>
        <Button appearance="transparent" size="small" onClick={onDismiss}>
          Dismiss
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
