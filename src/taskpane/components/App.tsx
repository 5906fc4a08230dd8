import { FluentProvider, makeStyles, tokens, webLightTheme } from "@fluentui/react-components";
import { FUNCTION_HELP } from "../functionHelp";
import { FunctionList } from "./FunctionList";
import { Header } from "./Header";
import { NoticeBar } from "./NoticeBar";

const useStyles = makeStyles({
  root: { minHeight: "100vh", backgroundColor: tokens.colorNeutralBackground1 },
  body: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalL,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalL}`,
  },
});

export const APP_TITLE = "LAC Cost Engine";

function Layout() {
  const styles = useStyles();
  return (
    <div className={styles.root}>
      <Header title={APP_TITLE} subtitle="Costs, forecasts and savings for looked-after children" />
      <main className={styles.body}>
        <NoticeBar />
        <FunctionList functions={FUNCTION_HELP} />
      </main>
    </div>
  );
}

export function App() {
  return (
    <FluentProvider theme={webLightTheme}>
      <Layout />
    </FluentProvider>
  );
}
