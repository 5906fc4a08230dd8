/**
 * Messages for the pane from other parts of the add-in (the ribbon commands). The commands and
 * the pane are separate bundles on the one shared-runtime page, so they meet on the page's
 * global object rather than in a module both import. The latest notice is kept so a pane that
 * opens after it was posted still shows it.
 */

export interface Notice {
  intent: "info" | "success" | "warning" | "error";
  title: string;
  message: string;
}

interface NoticeBoard {
  events: EventTarget;
  latest: Notice | null;
}

const NOTICE_EVENT = "notice";

function board(): NoticeBoard {
  const holder = globalThis as typeof globalThis & { lacNoticeBoard?: NoticeBoard };
  holder.lacNoticeBoard ??= { events: new EventTarget(), latest: null };
  return holder.lacNoticeBoard;
}

export function postNotice(notice: Notice): void {
  const noticeBoard = board();
  noticeBoard.latest = notice;
  noticeBoard.events.dispatchEvent(new CustomEvent<Notice>(NOTICE_EVENT, { detail: notice }));
}

export function latestNotice(): Notice | null {
  return board().latest;
}

export function dismissNotice(): void {
  board().latest = null;
}

/** Calls `listener` with each notice posted from now on; returns the function that stops it. */
export function onNotice(listener: (notice: Notice) => void): () => void {
  const { events } = board();
  const handler = (event: Event) => listener((event as CustomEvent<Notice>).detail);
  events.addEventListener(NOTICE_EVENT, handler);
  return () => events.removeEventListener(NOTICE_EVENT, handler);
}
