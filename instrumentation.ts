export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startAppOrExit } = await import("./lib/startup/start-app");
  await startAppOrExit();
}
