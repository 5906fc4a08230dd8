import { Body1, Field, Input, Radio, RadioGroup } from "@fluentui/react-components";
import { formatUkDate } from "../../engine/dates";
import type { ForecastMode } from "../../engine/forecast";
import { useRefreshState } from "../hooks/useRefresh";
import { useSettingsForm } from "../hooks/useSettingsForm";
import { applyForecastForm, forecastFormOf } from "../settingsForms";
import { Figure, Figures } from "./Figures";
import { SaveRow } from "./SaveRow";
import { useSectionStyles } from "./styles";

/** The forecast's window, horizon, model and target; LAC Forecast is rebuilt with them on the next refresh. */
export function ForecastSection() {
  const styles = useSectionStyles();
  const form = useSettingsForm(forecastFormOf, applyForecastForm);
  const refresh = useRefreshState();
  const totals = refresh.status === "done" ? refresh.summary.totals : null;
  const figures: Figure[] = [];
  if (totals?.forecastStart != null && totals.forecastEnd != null) {
    figures.push({ label: "In care at the start", value: Math.round(totals.forecastStart).toLocaleString("en-GB") });
    figures.push({ label: "At the end", value: Math.round(totals.forecastEnd).toLocaleString("en-GB") });
  }
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
          <Field label="Window from" hint="Blank: 3 years before its end" validationMessage={form.errors.ratesFrom}>
            <Input className={styles.input} type="date" value={f?.ratesFrom ?? ""} onChange={(_, d) => form.set("ratesFrom", d.value)} />
          </Field>
          <Field label="Window to" hint="Blank: the data's last date" validationMessage={form.errors.ratesTo}>
            <Input className={styles.input} type="date" value={f?.ratesTo ?? ""} onChange={(_, d) => form.set("ratesTo", d.value)} />
          </Field>
        </div>
        <div className={styles.pair}>
          <Field label="Forecast from" hint="Blank: the window's end" validationMessage={form.errors.start}>
            <Input className={styles.input} type="date" value={f?.start ?? ""} onChange={(_, d) => form.set("start", d.value)} />
          </Field>
          <Field label="Months ahead" hint="Blank: 24" validationMessage={form.errors.months}>
            <Input className={styles.input} inputMode="numeric" value={f?.months ?? ""} placeholder="24" onChange={(_, d) => form.set("months", d.value)} />
          </Field>
        </div>
        <div className={styles.pair}>
          <Field label="Target (children)" hint="e.g. 400" validationMessage={form.errors.target}>
            <Input className={styles.input} inputMode="numeric" value={f?.target ?? ""} onChange={(_, d) => form.set("target", d.value)} />
          </Field>
          <Field label="Inflation % a year" hint="Blank: none" validationMessage={form.errors.inflation}>
            <Input className={styles.input} inputMode="decimal" value={f?.inflation ?? ""} placeholder="0" onChange={(_, d) => form.set("inflation", d.value)} />
          </Field>
        </div>
        <Field label="Uncertainty band %" hint="Blank: 95" validationMessage={form.errors.band}>
          <Input className={styles.input} inputMode="decimal" value={f?.band ?? ""} placeholder="95" onChange={(_, d) => form.set("band", d.value)} />
        </Field>
      </div>
      <SaveRow form={form} name="forecast" />
      <Figures label="Forecast at the last refresh" figures={figures} />
    </div>
  );
}
