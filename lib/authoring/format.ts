/**
 * The package format's functions authoring uses (lib/exercises/data-package and archive, owned by the
 * format work), gathered in one place so that authoring names them once.
 */
export { dataPackageFromModule, parseDataPackage, specialiseQuiz } from "../exercises/data-package";
export { readArchive, writeArchive } from "../exercises/archive";
