// `npm run lti -- <command>`: LMS (LTI 1.3) registration from the command line, in whichever database the environment names.
import { parseArgs } from "node:util";
import { connectDatabase } from "@/lib/db";
import { parseEnv } from "@/lib/env";
import { listSigningKeys, rotateSigningKey } from "@/lib/lti/keys";
import { listPlatforms } from "@/lib/lti/platforms";
import { createRegistrationUrl, DEFAULT_REGISTRATION_HOURS, MAX_REGISTRATION_HOURS } from "@/lib/lti/registration/tokens";
import { publicOrigin } from "@/lib/lti/tool-urls";

const USAGE = `Usage: npm run lti -- <command>

Commands:
  registration-url [--hours N]  print a one-time LTI Dynamic Registration URL, valid N hours (default ${DEFAULT_REGISTRATION_HOURS}, at most ${MAX_REGISTRATION_HOURS})
  platforms                     list the registered LMS platforms and their deployment IDs
  rotate-key                    start signing with a new key (the previous one stays published for 7 days)

The URL's origin is NEXTAUTH_URL, else http://localhost:PORT. With the embedded database (no DATABASE_URL),
stop the app first: PGlite belongs to one process.`;

type Command = { name: "registration-url"; hours: number } | { name: "platforms" } | { name: "rotate-key" };

/** The command the arguments name, or a reason they are wrong. */
function parseCommand(argv: string[]): Command | string {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { hours: { type: "string" } } });
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  const [name, ...extra] = parsed.positionals;
  if (!name) return "No command given.";
  if (extra.length > 0) return `Unexpected argument: ${extra.join(" ")}`;
  if (name !== "registration-url" && parsed.values.hours !== undefined) return `--hours belongs to registration-url, not ${name}.`;
  if (name === "registration-url") {
    const text = parsed.values.hours ?? String(DEFAULT_REGISTRATION_HOURS);
    const hours = Number(text);
    if (!/^\d+$/.test(text) || hours < 1 || hours > MAX_REGISTRATION_HOURS) return `--hours must be a whole number from 1 to ${MAX_REGISTRATION_HOURS}, not "${text}".`;
    return { name, hours };
  }
  if (name === "platforms" || name === "rotate-key") return { name };
  return `Unknown command: ${name}`;
}

const command = parseCommand(process.argv.slice(2));
if (typeof command === "string") {
  console.error(`${command}\n\n${USAGE}`);
  process.exit(2);
}

const config = parseEnv();
const handle = await connectDatabase(config);
try {
  if (command.name === "registration-url") {
    const origin = publicOrigin();
    const source = config.NEXTAUTH_URL ? "from NEXTAUTH_URL" : "NEXTAUTH_URL is not set, so localhost and PORT; set NEXTAUTH_URL to the address the LMS reaches";
    const created = await createRegistrationUrl(handle.db, null, origin, command.hours);
    console.log(`Origin: ${origin} (${source}).`);
    console.log(`One-time registration URL, valid until ${created.expiresAt.toISOString()}:`);
    console.log(created.url);
  } else if (command.name === "platforms") {
    const platforms = await listPlatforms(handle.db);
    if (platforms.length === 0) console.log("No LMS platform is registered.");
    for (const platform of platforms) {
      console.log(`${platform.name || "(no name)"}: issuer ${platform.issuer}, client ID ${platform.clientId}, deployment IDs ${platform.deploymentIds.join(", ") || "(none)"}, ${platform.registeredVia}, created ${platform.createdAt.toISOString()}`);
    }
  } else {
    const kid = await rotateSigningKey(handle.db);
    console.log(`Signing with the new key ${kid}; ${(await listSigningKeys(handle.db)).length - 1} older key(s) kept (published for 7 days after retirement).`);
  }
} finally {
  await handle.close();
}
