import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  AccordionToggleData,
  AccordionToggleEvent,
  FluentProvider,
  makeStyles,
  tokens,
  webLightTheme,
} from "@fluentui/react-components";
import { ReactNode, useState } from "react";
import { FUNCTION_HELP } from "../functionHelp";
import { BusyProvider } from "../hooks/useBusy";
import { HostProvider, PaneHost } from "../hooks/useHost";
import { InputsProvider } from "../hooks/useInputs";
import { SettingsProvider } from "../hooks/useSettings";
import { BudgetSection } from "./BudgetSection";
import { CostsSection } from "./CostsSection";
import { DataSection } from "./DataSection";
import { ForecastSection } from "./ForecastSection";
import { FunctionList } from "./FunctionList";
import { Header } from "./Header";
import { NoticeBar } from "./NoticeBar";
import { RibbonRefreshBar } from "./RibbonRefreshBar";
import { RefreshSection } from "./RefreshSection";
import { ScenariosSection } from "./ScenariosSection";

const useStyles = makeStyles({
  root: { minHeight: "100vh", backgroundColor: tokens.colorNeutralBackground1 },
  body: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalS} ${tokens.spacingVerticalXXL}`,
  },
  panel: { paddingLeft: tokens.spacingHorizontalS, paddingRight: tokens.spacingHorizontalS },
});

export const APP_TITLE = "LAC Cost Engine";

export type SectionKey = "data" | "costs" | "forecast" | "scenarios" | "budget" | "refresh" | "functions";

const SECTIONS: readonly { key: SectionKey; title: string; body: () => ReactNode }[] = [
  { key: "data", title: "Data", body: () => <DataSection /> },
  { key: "costs", title: "Costs", body: () => <CostsSection /> },
  { key: "forecast", title: "Forecast", body: () => <ForecastSection /> },
  { key: "scenarios", title: "Scenarios", body: () => <ScenariosSection /> },
  { key: "budget", title: "Budget", body: () => <BudgetSection /> },
  { key: "refresh", title: "Refresh report", body: () => <RefreshSection /> },
  { key: "functions", title: "Functions", body: () => <FunctionList functions={FUNCTION_HELP} /> },
];

function Layout({ initiallyOpen }: { initiallyOpen: readonly SectionKey[] }) {
  const styles = useStyles();
  const [open, setOpen] = useState<SectionKey[]>([...initiallyOpen]);
  const toggle = (_: AccordionToggleEvent, data: AccordionToggleData<SectionKey>) => setOpen(data.openItems);
  return (
    <div className={styles.root}>
      <Header title={APP_TITLE} subtitle="Costs, forecasts and savings for looked-after children" />
      <main className={styles.body}>
        <NoticeBar />
        <RibbonRefreshBar />
        <Accordion multiple collapsible openItems={open} onToggle={toggle}>
          {SECTIONS.map((section) => (
            <AccordionItem key={section.key} value={section.key}>
              <AccordionHeader size="large" expandIconPosition="end">
                {section.title}
              </AccordionHeader>
              <AccordionPanel className={styles.panel}>{open.includes(section.key) && section.body()}</AccordionPanel>
            </AccordionItem>
          ))}
        </Accordion>
      </main>
    </div>
  );
}

export interface AppProps {
  host: PaneHost;
  /** The sections open when the pane opens; Refresh report unless told. */
  initiallyOpen?: readonly SectionKey[];
}

export function App({ host, initiallyOpen = ["refresh"] }: AppProps) {
  return (
    <FluentProvider theme={webLightTheme}>
      <HostProvider host={host}>
        <BusyProvider>
          <SettingsProvider>
            <InputsProvider>
              <Layout initiallyOpen={initiallyOpen} />
            </InputsProvider>
          </SettingsProvider>
        </BusyProvider>
      </HostProvider>
    </FluentProvider>
  );
}
