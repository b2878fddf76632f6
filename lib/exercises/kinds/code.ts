/** The code kind: the student writes functions, the sandbox runs the hidden tests against them. */
import type { CodePackage } from "../package";
import { CodeExerciseSchema } from "../schema";
import { checkCodePackage, CODE_PREVIEW, codeView, describeCall, loadCodePackage, QUEUED_CODE_GRADING } from "./code-package";
import type { ExerciseKind } from "./kind";

export const codeKind = {
  label: "Code",
  schema: CodeExerciseSchema,
  load: (input) => loadCodePackage({ kind: "code", schema: CodeExerciseSchema, harnessExports: [] }, input),
  studentView: (pkg, _viewerId, promptHtml) => codeView(pkg, promptHtml, describeCall),
  grading: QUEUED_CODE_GRADING,
  keepsDrafts: true,
  releasesExplanations: false,
  preview: CODE_PREVIEW,
  check: checkCodePackage,
} satisfies ExerciseKind<CodePackage>;
