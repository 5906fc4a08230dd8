import { Button, Caption1, Field, MessageBar, MessageBarBody, Select, Subtitle2, Text, Tooltip } from "@fluentui/react-components";
import { INPUTS } from "../../engine/inputs";
import { useEffect, useMemo, useState } from "react";
import { ColumnMapping, FieldSpec, fieldLabel } from "../../engine/table";
import type { InputKind, ReportSettings } from "../../reports/settings";
import type { TableInfo } from "../../workbook/port";
import { useBusy } from "../hooks/useBusy";
import { useInputs } from "../hooks/useInputs";
import { useSettings } from "../hooks/useSettings";
import { useTask } from "../hooks/useTask";
import { fieldColumns, infoOf, missingColumns } from "../inputs";
import { TaskStatus } from "./TaskStatus";
import { useDataStyles } from "./dataStyles";
import { useSectionStyles } from "./styles";

const AUTOMATIC = "";
/** A source saved in LAC Settings that is not one of the user's tables (an imported LAC_Episodes, or a name not found). */
const AS_SAVED = "saved";

function keyOf(info: TableInfo): string {
  return `${info.source}:${info.name}`;
}

function labelOf(info: TableInfo): string {
  return info.source === "table" ? `Table ${info.name} (sheet ${info.sheet})` : `Sheet ${info.name}`;
}

/** A field's plain label; where it has a code (DECOM), the code is in a tooltip too, for those who know the returns by their codes. */
function FieldName({ field, id, className }: { field: FieldSpec; id: string; className: string }) {
  const text = (
    <Text className={className} id={id}>
      {fieldLabel(field)}
      {field.required ? " *" : ""}
    </Text>
  );
  if (field.label === undefined) return text;
  return (
    <Tooltip content={`Column code ${field.name} (SSDA903 and the add-in's tables)`} relationship="description">
      {text}
    </Tooltip>
  );
}

/** The settings with one input's source and column mapping replaced. */
function withInput(settings: ReportSettings, kind: InputKind, source: string | null, mapping: ColumnMapping): ReportSettings {
  const sources = { ...settings.sources };
  if (source === null) delete sources[kind];
  else sources[kind] = source;
  const mappings = { ...settings.mappings, [kind]: mapping };
  if (Object.keys(mapping).length === 0) delete mappings[kind];
  return { ...settings, sources, mappings };
}

/** Choose the table an input is read from and which of its columns holds each field; saved in LAC Settings. */
export function MappingEditor({ kind, onDone }: { kind: InputKind; onDone: () => void }) {
  const styles = useSectionStyles();
  const data = useDataStyles();
  const { settings, update } = useSettings();
  const inputs = useInputs();
  const busy = useBusy();
  const task = useTask();
  const location = inputs.locations?.find((l) => l.kind === kind) ?? null;

  const savedSource = settings?.sources?.[kind];
  const savedInfo = savedSource ? infoOf(inputs.tables, savedSource) : null;
  const [choice, setChoice] = useState<string>(savedInfo ? keyOf(savedInfo) : savedSource ? AS_SAVED : AUTOMATIC);
  const chosen = choice === AUTOMATIC || choice === AS_SAVED ? (location?.info ?? null) : (inputs.tables.find((t) => keyOf(t) === choice) ?? null);
  const headers = useMemo(() => chosen?.headers.filter((h) => h !== "") ?? [], [chosen]);
  const savedMapping = settings?.mappings?.[kind];

  const [columns, setColumns] = useState<Record<string, string>>({});
  useEffect(() => {
    const found = fieldColumns(kind, headers, savedMapping ?? {});
    setColumns(Object.fromEntries(found.map(({ field, header }) => [field.name, header ?? ""])));
  }, [kind, headers, savedMapping]);

  // Only choices that differ from what the headers give by themselves are saved.
  const automatic = useMemo(() => new Map(fieldColumns(kind, headers).map(({ field, header }) => [field.name, header ?? ""])), [kind, headers]);
  const mapping: ColumnMapping = Object.fromEntries(Object.entries(columns).filter(([field, header]) => header !== "" && header !== automatic.get(field)));
  const missing = chosen ? missingColumns(kind, headers, mapping) : null;

  const save = async () => {
    const done = await task.run(async (report) => {
      report("Saving in LAC Settings");
      const source = choice === AUTOMATIC ? null : choice === AS_SAVED ? (savedSource ?? null) : (chosen?.name ?? null);
      return update((current) => withInput(current, kind, source, mapping));
    });
    if (done) onDone();
  };

  return (
    <section className={data.editor} aria-label={`${kind}: table and columns`}>
      <Subtitle2 as="h4" className={styles.heading}>{kind}</Subtitle2>
      <Field label="Read from">
        <Select className={styles.input} value={choice} onChange={(_, d) => setChoice(d.value)}>
          {savedSource && !savedInfo && <option value={AS_SAVED}>{savedSource} (as saved in LAC Settings)</option>}
          <option value={AUTOMATIC}>Find it automatically{location?.label && !savedSource ? ` (now ${location.label})` : ""}</option>
          {inputs.tables.map((t) => (
            <option key={keyOf(t)} value={keyOf(t)}>
              {labelOf(t)}
            </option>
          ))}
        </Select>
      </Field>
      {chosen === null ? (
        <Caption1>No table is found automatically: choose one above.</Caption1>
      ) : (
        <>
          <Caption1>Which of your columns holds each field (* = needed)</Caption1>
          {INPUTS[kind].fields.map((field) => (
            <div key={field.name} className={data.fieldRow}>
              <FieldName field={field} id={`map-${field.name}`} className={data.fieldName} />
              <Select
                className={styles.input}
                size="small"
                aria-labelledby={`map-${field.name}`}
                value={columns[field.name] ?? ""}
                onChange={(_, d) => setColumns((current) => ({ ...current, [field.name]: d.value }))}
              >
                <option value="">(none)</option>
                {headers.map((h) => (
                  <option key={h} value={h}>
                    {h}
                  </option>
                ))}
              </Select>
            </div>
          ))}
        </>
      )}
      {missing && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>This table cannot be read yet: {missing}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        <Button appearance="primary" disabled={busy || (chosen !== null && missing !== null)} onClick={() => void save()}>
          Save
        </Button>
        <Button appearance="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
      <TaskStatus task={task} failureTitle="The choice could not be saved" />
    </section>
  );
}
