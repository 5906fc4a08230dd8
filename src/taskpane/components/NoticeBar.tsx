import { useEffect, useState } from "react";
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { Notice, dismissNotice, latestNotice, onNotice } from "../notices";

/** The latest notice from the ribbon commands, until the user dismisses it. */
export function NoticeBar() {
  const [notice, setNotice] = useState<Notice | null>(latestNotice);
  useEffect(() => onNotice(setNotice), []);
  if (notice === null) return null;
  const dismiss = () => {
    dismissNotice();
    setNotice(null);
  };
  return (
    <MessageBar intent={notice.intent} layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{notice.title}</MessageBarTitle>
        {notice.message}
      </MessageBarBody>
      <MessageBarActions>
        <Button appearance="transparent" size="small" onClick={dismiss}>
          Dismiss
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
