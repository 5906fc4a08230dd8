import { Body1, Field, Input, Radio, RadioGroup } from "@fluentui/react-components";
import { SETTINGS } from "../../engine/settings";
import { pounds } from "../../reports/common";
import { useRefreshState } from "../hooks/useRefresh";
import { useSettingsForm } from "../hooks/useSettingsForm";
import { EngineLinesChoice, applyBudgetForm, budgetFormOf } from "../settingsForms";
import { Figures } from "./Figures";
import { SaveRow } from "./SaveRow";
import { useSectionStyles } from "./styles";
import { SettingInput } from "./SettingInput";

/** RAG thresholds and the budget lines the engine forecasts; LAC Variance is rebuilt with them on the next refresh. */
export function BudgetSection() {
  const styles = useSectionStyles();
  const form = useSettingsForm(budgetFormOf, applyBudgetForm);
  const refresh = useRefreshState();
  const variance = refresh.status === "done" ? refresh.summary.totals.variance : null;
  const f = form.form;
  return (
    <div className={styles.section}>
      <Body1>
        LAC Variance compares each budget line&apos;s forecast outturn with its budget. A line overspending by more than these is Amber or
        Red.
      </Body1>
      <div className={styles.form}>
        <div className={styles.pair}>
          <SettingInput form={form} name="amberPercent" label="Amber above" hint={`Blank: ${SETTINGS.ragAmberPercent.defaultText}`} placeholder={SETTINGS.ragAmberPercent.defaultText} inputMode="decimal" />
          <SettingInput form={form} name="redPercent" label="Red above" hint={`Blank: ${SETTINGS.ragRedPercent.defaultText}`} placeholder={SETTINGS.ragRedPercent.defaultText} inputMode="decimal" />
        </div>
        <div className={styles.pair}>
          <SettingInput form={form} name="amberAmount" label="Amber above £" hint="Optional" inputMode="decimal" />
          <SettingInput form={form} name="redAmount" label="Red above £" hint="Optional" inputMode="decimal" />
        </div>
        <Field label="Lines forecast by the engine" hint="Actual to date + the forecast's cost to 31 March">
          <RadioGroup value={f?.engineLines ?? "auto"} onChange={(_, d) => form.set("engineLines", d.value as EngineLinesChoice)}>
            <Radio value="auto" label="Lines named like “Placements”" />
            <Radio value="none" label="None: use the Budget table's forecasts" />
            <Radio value="named" label="These lines:" />
          </RadioGroup>
        </Field>
        {f?.engineLines === "named" && (
          <Field label="Budget lines, separated by ;" validationMessage={form.errors.lineNames}>
            <Input className={styles.input} value={f.lineNames} onChange={(_, d) => form.set("lineNames", d.value)} />
          </Field>
        )}
      </div>
      <SaveRow form={form} name="budget" />
      <Figures label="Variance at the last refresh" figures={variance === null ? [] : [{ label: "Forecast − budget", value: pounds(variance) }]} />
    </div>
  );
}
