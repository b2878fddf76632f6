// `npm run seed`: creates the demo course and accounts in whichever database the environment names.
import { connectDatabase } from "@/lib/db";
import { parseEnv } from "@/lib/env";
import { describeDemoAccounts, seedDemo } from "@/lib/seed/demo";

const handle = await connectDatabase(parseEnv());
try {
  const { created } = await seedDemo(handle.db);
  console.log(created ? "Demo data created." : "Demo data was already there.");
  console.log(describeDemoAccounts());
} finally {
  await handle.close();
}
