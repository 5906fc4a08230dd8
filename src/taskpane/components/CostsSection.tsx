import { Body1 } from "@fluentui/react-components";
import { formatUkDate } from "../../engine/dates";
import { pounds } from "../../reports/common";
import { useRefreshState } from "../hooks/useRefresh";
import { useSettingsForm } from "../hooks/useSettingsForm";
import { applyCostsForm, costsFormOf } from "../settingsForms";
import { Figures } from "./Figures";
import { SaveRow } from "./SaveRow";
import { useSectionStyles } from "./styles";
import { SettingInput } from "./SettingInput";

/** The costs period; LAC Costs is rebuilt for it on the next refresh. */
export function CostsSection() {
  const styles = useSectionStyles();
  const form = useSettingsForm(costsFormOf, applyCostsForm);
  const refresh = useRefreshState();
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
        <SettingInput form={form} name="from" label="From" type="date" />
        <SettingInput form={form} name="to" label="To (counted in)" type="date" />
      </div>
      <SaveRow form={form} name="costs" />
      <Figures label="Costs at the last refresh" figures={figures} />
    </div>
  );
}
