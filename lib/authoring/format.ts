/**
 * The package format's functions authoring uses (lib/exercises/data-package and archive, owned by the
 * format work), gathered in one place so that authoring names them once.
 */
export { parseDataPackage, type DataPackageParse } from "../exercises/data-package/parse";
export { specialiseQuiz, type ComputedQuiz } from "../exercises/data-package/specialise";
export { readArchive, writeArchive, type ArchiveFormat } from "../exercises/archive";
