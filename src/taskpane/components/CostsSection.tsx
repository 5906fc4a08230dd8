import { Body1, Button, MessageBar, MessageBarBody } from "@fluentui/react-components";
import { useState } from "react";
import { formatUkDate } from "../../engine/dates";
import { pounds } from "../../reports/common";
import { NATIONAL_UNIT_COSTS_SHEET, nationalUnitCostsSheet } from "../../reports/nationalUnitCostsSheet";
import { useBusy } from "../hooks/useBusy";
import { useHost } from "../hooks/useHost";
import { useInputs } from "../hooks/useInputs";
import { useRefreshState } from "../hooks/useRefresh";
import { useTask } from "../hooks/useTask";
import { useSettingsForm } from "../hooks/useSettingsForm";
import { UK_DATE_HINT, applyCostsForm, costsFormOf } from "../settingsForms";
import { Figures } from "./Figures";
import { SaveRow } from "./SaveRow";
import { useSectionStyles } from "./styles";
import { SettingInput } from "./SettingInput";
import { TaskStatus } from "./TaskStatus";

/** The costs period; LAC Costs is rebuilt for it on the next refresh. */
export function CostsSection() {
  const styles = useSectionStyles();
  const form = useSettingsForm(costsFormOf, applyCostsForm);
  const refresh = useRefreshState();
  const { port } = useHost();
  const inputs = useInputs();
  const busy = useBusy();
  const task = useTask();
  const [written, setWritten] = useState<string | null>(null);
  // A new sheet each time, so that a council's edits to an earlier copy are never overwritten.
  const writeNationalCosts = async () => {
    setWritten(null);
    const sheet = await task.run(async (report) => {
      const name = await port.freeSheetName(NATIONAL_UNIT_COSTS_SHEET);
      report(`Writing ${name}`);
      await port.writeSheet(nationalUnitCostsSheet(name));
      return name;
    });
    if (sheet) {
      setWritten(sheet);
      void inputs.reload();
    }
  };
  const summary = refresh.status === "done" ? refresh.summary : null;
  const figures = summary?.period
    ? [
        { label: "Period", value: `${formatUkDate(summary.period.start)} – ${formatUkDate(summary.period.end)}` },
        ...(summary.totals.costs !== null ? [{ label: "LAC Costs total", value: pounds(summary.totals.costs) }] : []),
      ]
    : [];
  return (
    <div className={styles.section}>
      <Body1>
        LAC Costs gives the cost of each placement group, by age and needs and by time in care, for one period. Leave the dates blank for the
        financial year of the data&apos;s last date.
      </Body1>
      <div className={styles.pair}>
        <SettingInput form={form} name="from" label="From" placeholder={UK_DATE_HINT} />
        <SettingInput form={form} name="to" label="To (counted in)" placeholder={UK_DATE_HINT} />
      </div>
      <SaveRow form={form} name="costs" />
      <Body1>
        Episodes without a WEEKLY_COST or a unit cost of yours are costed at national average unit costs, and LAC Costs says how much. To see or
        change them, add them to the workbook as a table.
      </Body1>
      <Button appearance="secondary" disabled={busy} onClick={() => void writeNationalCosts()}>
        Add the national unit costs as a table
      </Button>
      <TaskStatus task={task} failureTitle="The national unit costs could not be added" />
      {written && (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>
            Wrote sheet {written}. Choose its table as Unit costs in the Data section, change any weekly cost there, then refresh the report.
          </MessageBarBody>
        </MessageBar>
      )}
      <Figures label="Costs at the last refresh" figures={figures} />
    </div>
  );
}
