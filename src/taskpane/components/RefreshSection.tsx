import {
  Body1,
  Button,
  Caption1,
  Field,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Text,
} from "@fluentui/react-components";
import { useState } from "react";
import { formatUkDate } from "../../engine/dates";
import { groupedNumber } from "../../engine/numberText";
import { DEFAULT_SHEET_NAMES, REPORT_KEYS, ReportKey, pounds } from "../../reports/common";
import { type RefreshFailure, type RefreshSummary, headlineFigures } from "../../reports/refresh";
import { useBusy } from "../hooks/useBusy";
import { useHost } from "../hooks/useHost";
import { useRefreshState } from "../hooks/useRefresh";
import { useSettings } from "../hooks/useSettings";
import { useTask } from "../hooks/useTask";
import { sentence } from "../errors";
import { saveCommitteePack } from "../committeePack";
import { cancelRefresh, cancellable, rowsLine, runRefresh } from "../refresh";
import { Figure, Figures } from "./Figures";
import { TaskStatus } from "./TaskStatus";
import { useSectionStyles } from "./styles";

/** The report a sheet name belongs to, under the settings the refresh used. */
function reportOf(sheet: string, summary: RefreshSummary): ReportKey | undefined {
  return REPORT_KEYS.find((key) => (summary.settings.sheetNames?.[key] || DEFAULT_SHEET_NAMES[key]) === sheet);
}

/** The refresh's headline figures, with the labels and numbers the sheets and the command line show. */
function totalsFigures(summary: RefreshSummary): Figure[] {
  const t = summary.totals;
  const figures: Figure[] = [];
  if (summary.asAt !== null) figures.push({ label: "Data up to", value: formatUkDate(summary.asAt) });
  figures.push(...headlineFigures(summary).map((f) => ({ label: f.label, value: pounds(f.value) })));
  if (t.forecastEnd !== null) figures.push({ label: "In care at the forecast's end", value: groupedNumber(Math.round(t.forecastEnd)) });
  return figures;
}

/**
 * Stops the refresh in progress while it reads and computes; once it writes the sheets it
 * finishes, so that the report is never left half-rebuilt (docs/task-pane-worker.md).
 */
export function CancelRefresh() {
  const state = useRefreshState();
  if (state.status !== "running") return null;
  return (
    <div>
      <Button size="small" onClick={cancelRefresh} disabled={!cancellable(state)}>
        Cancel
      </Button>
    </div>
  );
}

/** Rebuilds every report sheet, with progress, and says what was written and what was not, and why. */
export function RefreshSection() {
  const styles = useSectionStyles();
  const { port, openWorkbook } = useHost();
  const state = useRefreshState();
  const busy = useBusy();
  const { update } = useSettings();
  const rename = useTask();
  const pack = useTask();
  const [packOpened, setPackOpened] = useState<string | null>(null);

  const openPack = async (summary: RefreshSummary) => {
    if (openWorkbook === undefined) return;
    setPackOpened(null);
    const sheets = await pack.run(async (report) => {
      report("Building the committee pack");
      return saveCommitteePack(summary.specs, openWorkbook);
    });
    if (sheets !== undefined) setPackOpened(`Opened as a new workbook: ${sheets.join(", ")}. Save it where you keep committee papers.`);
  };

  const start = () => {
    // The outcome, success or failure, arrives through the refresh state.
    runRefresh("pane", port).catch(() => undefined);
  };

  const writeAs = async (failure: RefreshFailure, summary: RefreshSummary) => {
    const key = reportOf(failure.sheet, summary);
    const name = failure.suggestedName;
    if (key === undefined || name === undefined) return;
    const saved = await rename.run(async (report) => {
      report(`Saving the name "${name}" in LAC Settings`);
      return update((current) => ({ ...current, sheetNames: { ...current.sheetNames, [key]: name } }));
    });
    if (saved) start();
  };

  return (
    <div className={styles.section}>
      <Body1>
        Rebuilds every LAC report sheet from the latest data: LAC Costs, LAC Forecast, LAC Scenarios, LAC Variance and LAC Data Quality.
        Nothing else in the workbook is changed. The Refresh report button on the Home tab does the same without opening this pane.
      </Body1>
      <div className={styles.actions}>
        <Button appearance="primary" size="large" onClick={start} disabled={busy}>
          Refresh report
        </Button>
      </div>
      {state.status === "running" && (
        <>
          <Field validationMessage={<Caption1 role="status">{state.progress.step}</Caption1>} validationState="none">
            <ProgressBar value={state.progress.total > 0 ? state.progress.done / state.progress.total : undefined} thickness="large" aria-label="Refresh progress" />
          </Field>
          <CancelRefresh />
        </>
      )}
      {state.status === "cancelled" && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Refresh cancelled</MessageBarTitle>
            No sheet was changed.
          </MessageBarBody>
        </MessageBar>
      )}
      <TaskStatus task={rename} failureTitle="The new name could not be saved" />
      {state.status === "failed" && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>The report could not be refreshed</MessageBarTitle>
            {state.message}
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={start} disabled={busy}>
              Try again
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {state.status === "done" && (
        <>
          <MessageBar intent={state.summary.failed.length === 0 ? "success" : "warning"} layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>
                {state.summary.failed.length === 0 ? "Report refreshed" : `Refreshed, except ${state.summary.failed.length} sheet${state.summary.failed.length === 1 ? "" : "s"}`}
              </MessageBarTitle>
              {rowsLine(state.summary)}
            </MessageBarBody>
          </MessageBar>
          {state.summary.failed.map((failure) => (
            <MessageBar key={failure.sheet} intent="error" layout="multiline">
              <MessageBarBody className={styles.wrap}>
                <MessageBarTitle>{failure.sheet} was not rebuilt</MessageBarTitle>
                {sentence(failure.message)}
              </MessageBarBody>
              {failure.suggestedName !== undefined && reportOf(failure.sheet, state.summary) !== undefined && (
                <MessageBarActions>
                  <Button size="small" disabled={busy} onClick={() => void writeAs(failure, state.summary)}>
                    Write it as “{failure.suggestedName}”
                  </Button>
                </MessageBarActions>
              )}
            </MessageBar>
          ))}
          <ul className={styles.list} aria-label="Sheets written">
            {state.summary.written.map((w) => (
              <li key={w.sheet}>
                <Text>✓ {w.sheet}</Text> <Caption1 className={styles.hint}>{groupedNumber(w.rows)} rows{w.replaced ? "" : ", new"}</Caption1>
              </li>
            ))}
          </ul>
          <Figures label="Key figures" figures={totalsFigures(state.summary)} />
          {openWorkbook !== undefined && (
            <>
              <div className={styles.actions}>
                <Button appearance="secondary" disabled={busy || state.summary.specs.length === 0} onClick={() => void openPack(state.summary)}>
                  Save committee pack
                </Button>
              </div>
              <Caption1 className={styles.hint}>
                A new workbook with the report sheets alone, values only: no data sheets and no child&apos;s ID, UPN, postcode or date of birth
                (LAC Data Quality keeps its summary, not its list of rows).
              </Caption1>
              <TaskStatus task={pack} failureTitle="The committee pack could not be made" />
              {packOpened !== null && (
                <MessageBar intent="success" layout="multiline">
                  <MessageBarBody>{packOpened}</MessageBarBody>
                </MessageBar>
              )}
            </>
          )}
        </>
      )}
    </div>
  );
}
