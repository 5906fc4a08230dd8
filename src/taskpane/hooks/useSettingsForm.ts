/**
 * A section's form over the saved settings: filled from them when they load or change, checked
 * on Save (a message per field to fix), and saved as a change to the settings as the workbook
 * has them at that moment.
 */

import { useCallback, useEffect, useState } from "react";
import type { ReportSettings } from "../../reports/settings";
import type { FormErrors, FormResult } from "../settingsForms";
import { useSettings } from "./useSettings";
import { Task, useTask } from "./useTask";

export interface SettingsForm<F> {
  form: F | null;
  errors: FormErrors<F>;
  /** True after a save, until the form is changed again. */
  saved: boolean;
  task: Task;
  set<K extends keyof F>(field: K, value: F[K]): void;
  save(): Promise<void>;
}

export function useSettingsForm<F>(formOf: (settings: ReportSettings) => F, apply: (settings: ReportSettings, form: F) => FormResult<F>): SettingsForm<F> {
  const { settings, version, update } = useSettings();
  const task = useTask();
  const [form, setForm] = useState<F | null>(null);
  const [errors, setErrors] = useState<FormErrors<F>>({});
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (settings !== null) setForm(formOf(settings));
    // Refilled only when the settings are (re)loaded or saved, so typing is never overwritten.
  }, [version]);

  const set = useCallback(<K extends keyof F>(field: K, value: F[K]) => {
    setForm((current) => (current === null ? current : { ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
    setSaved(false);
  }, []);

  const save = useCallback(async () => {
    if (form === null || settings === null) return;
    const checked = apply(settings, form);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    const done = await task.run(async (report) => {
      report("Saving in LAC Settings");
      return update((current) => {
        const result = apply(current, form);
        if (!result.ok) throw new Error(Object.values(result.errors).join("; "));
        return result.settings;
      });
    });
    if (done !== undefined) setSaved(true);
  }, [apply, form, settings, task, update]);

  return { form, errors, saved, task, set, save };
}
