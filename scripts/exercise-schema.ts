// `npm run exercises:schema`: writes exercises/exercise.schema.json from the zod schemas.
import { writeFileSync } from "node:fs";
import { exerciseJsonSchema } from "@/lib/exercises/json-schema";

writeFileSync("exercises/exercise.schema.json", JSON.stringify(exerciseJsonSchema(), null, 2) + "\n");
console.log("wrote exercises/exercise.schema.json");
