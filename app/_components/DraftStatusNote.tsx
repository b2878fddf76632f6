import type { DraftStatus } from "./use-draft";

const TEXT: Record<Exclude<DraftStatus["state"], "refused">, string> = {
  idle: "",
  saving: "Saving…",
  saved: "Saved",
  retrying: "Not saved — retrying",
};

/** The draft's save state in words (never colour alone), announced politely. */
export function DraftStatusNote({ status }: { status: DraftStatus }) {
  const text = status.state === "refused" ? `Not saved — ${status.message}` : TEXT[status.state];
  const failed = status.state === "refused" || status.state === "retrying";
  return (
    <p className={`draft-status small${failed ? " error" : " muted"}`} role="status" data-testid="draft-status" data-state={status.state}>
      {text ? (failed ? `⚠ ${text}` : text) : <span className="visually-hidden">Your draft is saved on the server as you type.</span>}
    </p>
  );
}
