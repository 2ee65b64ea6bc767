import { parseArgs } from "node:util";
import { closeDb, createDb, migrateDb, upsertUserWithRole } from "@waybill/db";
import { seedBulk } from "@waybill/db/seed";
import { z } from "zod";
import { EnvError, loadEnv } from "./env";
import { hashPassword } from "./lib/crypto";
import { workspacePaths } from "./paths";
import { seedDemoIfEmpty } from "./server";

const USAGE = `Usage: pnpm waybill <command> [options]

Commands:
  admin:create --email E --password P [--name N]   create an admin, or promote an existing user
  db:migrate                                       apply pending migrations
  db:seed [--orders N]                             seed the demo shop (empty db), or N bulk orders
`;

const adminInput = z.object({
  email: z.email("--email must be an e-mail address"),
  password: z.string().min(10, "--password must have at least 10 characters"),
  name: z.string().min(1).default("Shop Admin"),
});

async function run(argv: string[]): Promise<string> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: "string" },
      password: { type: "string" },
      name: { type: "string" },
      orders: { type: "string" },
    },
  });
  const env = loadEnv();
  const db = createDb(env.databasePath);
  try {
    migrateDb(db, workspacePaths().migrations);
    switch (command) {
      case "db:migrate":
        return `Migrations applied to ${env.databasePath}`;
      case "admin:create": {
        const input = adminInput.safeParse(values);
        if (!input.success) throw new UsageError(input.error.issues[0]?.message ?? "invalid input");
        const passwordHash = await hashPassword(input.data.password);
        const { user, created } = upsertUserWithRole(db, {
          ...input.data,
          passwordHash,
          role: "admin",
        });
        return created
          ? `Admin ${user.email} created.`
          : `${user.email} is now an admin (password updated).`;
      }
      case "db:seed": {
        if (values.orders === undefined) {
          const seeded = await seedDemoIfEmpty(db, new Date());
          return seeded
            ? "Demo shop seeded."
            : "The database already has users: demo seed skipped.";
        }
        const orders = Number(values.orders);
        if (!Number.isInteger(orders) || orders <= 0)
          throw new UsageError("--orders must be a positive integer");
        const started = performance.now();
        const passwordHash = await hashPassword("bulk-customer-password");
        const result = seedBulk(db, {
          orders,
          passwordHash,
          now: new Date(),
          onProgress: (done, total) => process.stderr.write(`\r  ${done}/${total} orders`),
        });
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        return `\nSeeded ${result.orders} orders for ${result.customers} customers in ${seconds} s.`;
      }
      default:
        throw new UsageError(command ? `Unknown command "${command}"` : "No command given");
    }
  } finally {
    closeDb(db);
  }
}

class UsageError extends Error {}

run(process.argv.slice(2)).then(
  (message) => process.stdout.write(`${message}\n`),
  (error) => {
    if (error instanceof UsageError) process.stderr.write(`${error.message}\n\n${USAGE}`);
    else if (error instanceof EnvError) process.stderr.write(`${error.message}\n`);
    else process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
