import { Body1, Field, Radio, RadioGroup } from "@fluentui/react-components";
import { formatUkDate } from "../../engine/dates";
import type { ForecastMode } from "../../engine/forecast";
import { SETTINGS } from "../../engine/settings";
import { groupedNumber } from "../../engine/numberText";
import { useRefreshState } from "../hooks/useRefresh";
import { useSettingsForm } from "../hooks/useSettingsForm";
import { UK_DATE_HINT, applyForecastForm, forecastFormOf } from "../settingsForms";
import { Figure, Figures } from "./Figures";
import { SaveRow } from "./SaveRow";
import { useSectionStyles } from "./styles";
import { SettingInput } from "./SettingInput";

/** The forecast's window, horizon, model and target; LAC Forecast is rebuilt with them on the next refresh. */
export function ForecastSection() {
  const styles = useSectionStyles();
  const form = useSettingsForm(forecastFormOf, applyForecastForm);
  const refresh = useRefreshState();
  const totals = refresh.status === "done" ? refresh.summary.totals : null;
  const figures: Figure[] = [];
  if (totals?.forecastStart != null && totals.forecastEnd != null) {
    figures.push({ label: "In care at the start", value: groupedNumber(Math.round(totals.forecastStart)) });
    figures.push({ label: "At the end", value: groupedNumber(Math.round(totals.forecastEnd)) });
  }
  if (totals?.forecastWindow) figures.push({ label: "Rates window, chosen by evidence", value: totals.forecastWindow });
  if (totals && refresh.status === "done" && refresh.summary.settings.forecast?.target !== undefined) {
    figures.push({ label: "Target reached", value: totals.targetDate === null ? "Not within the forecast" : formatUkDate(totals.targetDate) });
  }
  const f = form.form;
  return (
    <div className={styles.section}>
      <Body1>
        The forecast learns how children move between placements over a window of past data, then projects the number in care month by
        month. Blank fields take the defaults shown.
      </Body1>
      <div className={styles.form}>
        <Field label="Model">
          <RadioGroup value={f?.mode ?? "default"} onChange={(_, d) => form.set("mode", d.value as ForecastMode)} layout="horizontal">
            <Radio value="default" label="Default" />
            <Radio value="reference" label="Regional model" />
          </RadioGroup>
        </Field>
        <div className={styles.pair}>
          <SettingInput form={form} name="ratesFrom" label="Window from" hint={`Blank: ${SETTINGS.ratesFrom.defaultText}`} placeholder={UK_DATE_HINT} />
          <SettingInput form={form} name="ratesTo" label="Window to" hint={`Blank: ${SETTINGS.ratesTo.defaultText}`} placeholder={UK_DATE_HINT} />
        </div>
        <div className={styles.pair}>
          <SettingInput form={form} name="start" label="Forecast from" hint={`Blank: ${SETTINGS.forecastStart.defaultText}`} placeholder={UK_DATE_HINT} />
          <SettingInput form={form} name="months" label="Months ahead" hint={`Blank: ${SETTINGS.forecastMonths.defaultText}`} placeholder={SETTINGS.forecastMonths.defaultText} inputMode="numeric" />
        </div>
        <div className={styles.pair}>
          <SettingInput form={form} name="target" label="Target (children)" hint="e.g. 400" inputMode="numeric" />
          <SettingInput form={form} name="inflation" label="Inflation a year" hint={`e.g. 3%; blank: ${SETTINGS.inflation.defaultText}`} placeholder="0%" inputMode="decimal" />
        </div>
        <SettingInput form={form} name="band" label="Uncertainty band" hint={`Blank: ${SETTINGS.bandLevel.defaultText}`} placeholder={SETTINGS.bandLevel.defaultText} inputMode="decimal" />
      </div>
      <SaveRow form={form} name="forecast" />
      <Figures label="Forecast at the last refresh" figures={figures} />
    </div>
  );
}
