/** The labelled set's transformer lives with the bench that also uses it (scripts/ may not import tests/). */
export { disguise, DISGUISES, exportedNames, seededRandom, type Disguise } from "@/scripts/similarity-disguise";
