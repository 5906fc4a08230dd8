import { Button, Caption1, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { ChangeEvent, useRef, useState } from "react";
import { decodeCsv } from "../../workbook/csv";
import { ImportOutcome, ImportResult, describeIssues, importCsvFiles } from "../csvImport";
import { useBusy } from "../hooks/useBusy";
import { useHost } from "../hooks/useHost";
import { useSettings } from "../hooks/useSettings";
import { useTask } from "../hooks/useTask";
import { TaskStatus } from "./TaskStatus";
import { useDataStyles } from "./dataStyles";
import { useSectionStyles } from "./styles";
import { groupedNumber } from "../../engine/numberText";

/**
 * Imports SSDA903 CSV files chosen from disk onto the add-in's own sheets (LAC Episodes,
 * LAC Children, LAC UASC). A file whose sheet name is taken by a sheet of the user's is offered
 * a free name instead; the user's sheet is never touched.
 */
export function CsvImport() {
  const styles = useSectionStyles();
  const data = useDataStyles();
  const { port } = useHost();
  const { reload: reloadSettings } = useSettings();
  const busy = useBusy();
  const task = useTask();
  const picker = useRef<HTMLInputElement>(null);
  const [result, setResult] = useState<{ outcomes: ImportOutcome[]; settingsProblem: string | null; files: Map<string, File> } | null>(null);

  const runImport = async (files: File[], sheetNames: Map<string, string> = new Map()) => {
    setResult(null);
    const done: ImportResult | undefined = await task.run((report) =>
      importCsvFiles(
        port,
        files.map((file) => ({ name: file.name, text: async () => decodeCsv(new Uint8Array(await file.arrayBuffer())).text, sheetName: sheetNames.get(file.name) })),
        (p) => report(p.step, p.fraction),
      ),
    );
    if (done) {
      setResult({ ...done, files: new Map(files.map((f) => [f.name, f])) });
      // The imports are recorded in LAC Settings; reloading them looks for the inputs again.
      if (done.outcomes.some((o) => o.ok)) await reloadSettings();
    }
  };

  const chosen = (event: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(event.target.files ?? []);
    event.target.value = "";
    if (files.length > 0) void runImport(files);
  };

  return (
    <>
      <Caption1>
        Episodes, header (children) and UASC files as the Department for Education&apos;s SSDA903 return has them. Each goes on a sheet of
        its own (LAC Episodes, LAC Children, LAC UASC); importing next month&apos;s file replaces it.
      </Caption1>
      <div className={styles.actions}>
        <Button appearance="secondary" disabled={busy} onClick={() => picker.current?.click()}>
          Import CSV files…
        </Button>
        <input
          ref={picker}
          className={data.hiddenInput}
          type="file"
          accept=".csv,text/csv"
          multiple
          aria-label="SSDA903 CSV files"
          data-testid="csv-input"
          onChange={chosen}
        />
      </div>
      <TaskStatus task={task} failureTitle="The files could not be imported" />
      {result?.outcomes.map((outcome) =>
        outcome.ok ? (
          <MessageBar key={outcome.fileName} intent={outcome.rejected.length > 0 ? "warning" : "success"} layout="multiline">
            <MessageBarBody className={styles.wrap}>
              <MessageBarTitle>{outcome.fileName}</MessageBarTitle>
              {outcome.kind}: {groupedNumber(outcome.rows)} rows on sheet {outcome.sheet}.
              {outcome.rejected.length > 0 && ` ${outcome.rejected.length} rows could not be read: ${describeIssues(outcome.rejected, 3)}.`}
              {outcome.corrected > 0 && ` ${outcome.corrected} short rows were read with blanks for the missing cells.`}
            </MessageBarBody>
          </MessageBar>
        ) : (
          <MessageBar key={outcome.fileName} intent="error" layout="multiline">
            <MessageBarBody className={styles.wrap}>
              <MessageBarTitle>{outcome.fileName} was not imported</MessageBarTitle>
              {outcome.message}
            </MessageBarBody>
            {outcome.suggestedName !== undefined && result.files.has(outcome.fileName) && (
              <MessageBarActions>
                <Button
                  size="small"
                  disabled={busy}
                  onClick={() => void runImport([result.files.get(outcome.fileName) as File], new Map([[outcome.fileName, outcome.suggestedName as string]]))}
                >
                  Import as “{outcome.suggestedName}”
                </Button>
              </MessageBarActions>
            )}
          </MessageBar>
        ),
      )}
      {result?.settingsProblem && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            The imports could not be recorded in LAC Settings, so a refresh may not find them: {result.settingsProblem}
          </MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}
