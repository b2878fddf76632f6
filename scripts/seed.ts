// `npm run seed`: creates the demo course and accounts in whichever database the environment names.
import { connectDatabase } from "@/lib/db";
import { parseEnv } from "@/lib/env";
import { loadCatalogue } from "@/lib/exercises/catalogue";
import { syncExercises } from "@/lib/exercises/sync";
import { describeDemoAccounts, seedDemo } from "@/lib/seed/demo";
import { assignCatalogueToDemoCourse } from "@/lib/seed/demo-assignments";

const config = parseEnv();
console.log(`Seeding ${config.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : `the embedded database in ${config.DATA_DIR} (stop the app first: PGlite belongs to one process)`}.`);
const handle = await connectDatabase(config);
try {
  const { created } = await seedDemo(handle.db);
  await syncExercises(handle.db, (await loadCatalogue()).exercises);
  const assigned = await assignCatalogueToDemoCourse(handle.db);
  if (assigned > 0) console.log(`${assigned} exercises assigned to the demo course.`);
  console.log(created ? "Demo data created." : "Demo data was already there.");
  console.log(describeDemoAccounts());
} finally {
  await handle.close();
}
