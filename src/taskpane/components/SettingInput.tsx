import { Field, Input, InputProps } from "@fluentui/react-components";
import type { SettingsForm } from "../hooks/useSettingsForm";
import { useSectionStyles } from "./styles";

type TextFields<F> = { [K in keyof F]: F[K] extends string ? K : never }[keyof F];

interface SettingInputProps<F> {
  form: SettingsForm<F>;
  name: TextFields<F>;
  label: string;
  hint?: string;
  placeholder?: string;
  type?: InputProps["type"];
  inputMode?: InputProps["inputMode"];
}

/** One field of a settings form: its label, the text as typed, and the message to fix it after Save. */
export function SettingInput<F>({ form, name, label, hint, placeholder, type, inputMode }: SettingInputProps<F>) {
  const styles = useSectionStyles();
  const value = form.form?.[name];
  return (
    <Field label={label} hint={hint} validationMessage={form.errors[name]}>
      <Input
        className={styles.input}
        type={type}
        inputMode={inputMode}
        placeholder={placeholder}
        value={typeof value === "string" ? value : ""}
        onChange={(_, d) => form.set(name, d.value as F[typeof name])}
      />
    </Field>
  );
}
