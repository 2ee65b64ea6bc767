import { DEMO_LOGINS } from "@waybill/db/seed";
import { EnvError, loadEnv } from "./env";
import { startServer } from "./server";

async function main() {
  let env: ReturnType<typeof loadEnv>;
  try {
    env = loadEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }

  const demo = process.argv.includes("--demo");
  const server = await startServer(env, { demo });
  const lines = [
    "",
    `  Waybill is running at ${server.url}`,
    `    storefront  ${server.url}/`,
    `    admin       ${server.url}/admin/`,
  ];
  if (server.sandboxUrl) {
    lines.push(`    carrier sandboxes  ${server.sandboxUrl}/{shiprocket,sequel247,maystro}`);
  }
  if (demo) {
    lines.push(
      "",
      "  Demo logins:",
      `    admin     ${DEMO_LOGINS.admin.email} / ${DEMO_LOGINS.admin.password}`,
      `    customer  ${DEMO_LOGINS.customer.email} / ${DEMO_LOGINS.customer.password}`,
    );
  }
  process.stdout.write(`${lines.join("\n")}\n\n`);

  const shutdown = (signal: string) => {
    server.deps.logger.info("shutting down", { signal });
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}

main().catch((error) => {
  process.stderr.write(
    `Waybill failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
