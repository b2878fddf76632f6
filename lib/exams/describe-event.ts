import { formatSpan } from "./format";

/** An event of the log as stored: its kind and small facts. */
export interface LoggedEvent {
  kind: string;
  detail: unknown;
}

function fact(detail: unknown, key: string): unknown {
  return typeof detail === "object" && detail !== null && !Array.isArray(detail) ? (detail as Record<string, unknown>)[key] : undefined;
}

/** The exercise an event names, by its title when the assessment has it. */
function exerciseOf(detail: unknown, titles: ReadonlyMap<string, string>): string | null {
  const id = fact(detail, "exerciseId");
  if (typeof id !== "string") return null;
  return titles.get(id) ?? id;
}

/** One event of a student's exam log in words, for staff ("Came back to the exam after 42 s"). */
export function describeExamEvent(event: LoggedEvent, exerciseTitles: ReadonlyMap<string, string> = new Map()): string {
  const exercise = exerciseOf(event.detail, exerciseTitles);
  const on = exercise ? ` of “${exercise}”` : "";
  switch (event.kind) {
    case "start":
      return "Started the assessment";
    case "save":
      return exercise ? `Saved a draft of “${exercise}”` : "Saved a draft";
    case "run":
      return exercise ? `Ran the visible examples of “${exercise}”` : "Ran the visible examples";
    case "submit":
      return exercise ? `Submitted “${exercise}”` : "Submitted";
    case "auto_submit":
      return `The draft${on} was submitted automatically`;
    case "focus_lost":
      return "Left the exam (the browser reported that the page lost focus)";
    case "focus_back": {
      const away = fact(event.detail, "awayMs");
      return typeof away === "number" && Number.isFinite(away) ? `Came back to the exam after ${formatSpan(away)}` : "Came back to the exam";
    }
    case "second_sign_in":
      return "Signed in again somewhere else; the earlier session was signed out";
    case "finish":
      return "Finished the assessment";
    case "time_up":
      return "Time ran out; the assessment was closed";
    default:
      return `Event “${event.kind}”`;
  }
}
