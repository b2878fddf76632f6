/** Authoring in the app: a course's own exercises, one verb per file (see each for its rules). */
export { createCourseExercise, NewCourseExerciseSchema, type NewCourseExercise } from "./create-course-exercise";
export { copyCatalogueExercise, CopyCatalogueExerciseSchema, type CopyCatalogueExercise } from "./copy-catalogue-exercise";
export { getCourseExercise, type CourseExerciseDraft } from "./get-course-exercise";
export { saveDraft } from "./save-draft";
export { checkDraft } from "./check-draft";
export { tryDraft } from "./try-draft";
export { publishDraft, type PublishResult } from "./publish-draft";
export { listCourseExercises } from "./list-course-exercises";
export { listVersions } from "./list-versions";
export { moveAssignmentToVersion } from "./move-assignment-to-version";
export { getAssignmentVersion, type AssignmentVersion } from "./assignment-version";
export { exportCourseExercise, ArchiveFormatSchema, type ArchiveFormat } from "./export-course-exercise";
export { importCourseExercise, MAX_IMPORT_BYTES, type ImportResult } from "./import-course-exercise";
export { setTasMayAuthor } from "./set-tas-may-author";
export { PackageFilesSchema } from "./access";
export { getAuthoringSandbox, setAuthoringSandbox, type AuthoringSandbox } from "./sandbox-port";
export type * from "./types";
