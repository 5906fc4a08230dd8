import { Body1, Button, Caption1, MessageBar, MessageBarBody, Spinner, Subtitle2, Text, mergeClasses } from "@fluentui/react-components";
import { INPUTS } from "../../engine/inputs";
import { groupedNumber } from "../../engine/numberText";
import { useState } from "react";
import type { InputKind } from "../../reports/settings";
import { useBusy } from "../hooks/useBusy";
import { useInputs } from "../hooks/useInputs";
import { useSettings } from "../hooks/useSettings";
import { sentence } from "../errors";
import { InputLocation, describeLocation, missingColumns } from "../inputs";
import { CsvImport } from "./CsvImport";
import { MappingEditor } from "./MappingEditor";
import { useDataStyles } from "./dataStyles";
import { useSectionStyles } from "./styles";

/** Where each input is read from, its columns (mapped once, saved in the workbook), and importing SSDA903 CSV files. */
export function DataSection() {
  const styles = useSectionStyles();
  const inputs = useInputs();
  const { issues } = useSettings();
  const [editing, setEditing] = useState<InputKind | null>(null);
  const busy = useBusy();
  return (
    <div className={styles.section}>
      <Body1>
        The add-in reads these tables from your workbook. It finds them by name (a table or sheet called “Episodes”…) or by their column
        headers; choose another table or map its columns if yours differ. Your choices are saved in the LAC Settings sheet.
      </Body1>
      {inputs.error && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{inputs.error}</MessageBarBody>
        </MessageBar>
      )}
      {issues.length > 0 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            {issues.length} row{issues.length === 1 ? "" : "s"} of LAC Settings could not be read, so their defaults apply: {issues[0].reason}
          </MessageBarBody>
        </MessageBar>
      )}
      {inputs.locations === null ? (
        <Spinner size="tiny" label="Looking for your tables…" />
      ) : (
        <ul className={styles.list} aria-label="Inputs">
          {inputs.locations.map((location) => (
            <InputRow key={location.kind} location={location} editing={editing === location.kind} onEdit={() => setEditing(editing === location.kind ? null : location.kind)} />
          ))}
        </ul>
      )}
      {editing && <MappingEditor kind={editing} onDone={() => setEditing(null)} />}
      <div className={styles.actions}>
        <Button appearance="subtle" size="small" disabled={inputs.looking || busy} onClick={() => void inputs.reload()}>
          {inputs.looking ? "Looking…" : "Look again"}
        </Button>
      </div>
      <Subtitle2 as="h3" className={styles.heading}>Import SSDA903 files</Subtitle2>
      <CsvImport />
    </div>
  );
}

function InputRow({ location, editing, onEdit }: { location: InputLocation; editing: boolean; onEdit: () => void }) {
  const styles = useDataStyles();
  const required = INPUTS[location.kind].required;
  const { settings } = useSettings();
  const info = location.info;
  const missing = info ? missingColumns(location.kind, info.headers, settings?.mappings?.[location.kind]) : null;
  return (
    <li className={styles.row}>
      <div className={styles.text}>
        <Text weight="semibold">{location.kind}</Text>
        <Caption1 className={mergeClasses(styles.where, location.label === null && required && styles.missing)}>
          {describeLocation(location)}
          {/* A sheet's row count would include any title rows above its header: only a table's is given. */}
          {info?.source === "table" ? ` · ${groupedNumber(info.rowCount)} rows` : ""}
        </Caption1>
        {missing && <Caption1 className={styles.missing}>{sentence(missing)}: choose its columns</Caption1>}
        <Caption1 className={styles.purpose}>{INPUTS[location.kind].purpose}</Caption1>
      </div>
      <Button size="small" appearance={editing ? "primary" : "secondary"} onClick={onEdit} aria-label={`Choose the table and columns for ${location.kind}`}>
        {editing ? "Close" : "Columns"}
      </Button>
    </li>
  );
}
