/** The sandbox port authoring codes against: defined beside the exercise resolver (lib/exercises/authoring-sandbox.ts). */
export {
  getAuthoringSandbox,
  setAuthoringSandbox,
  type AuthoredTask,
  type AuthoredTaskOutput,
  type AuthoredTaskResult,
  type AuthoringSandbox,
  type OutlineOutput,
  type OutlineResult,
  type QuizVariantsOutput,
} from "../exercises/authoring-sandbox";
