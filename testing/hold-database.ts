import readline from "node:readline";
import { count } from "drizzle-orm";
import { openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { teams } from "@/db/schema";

// Test helper process: owns an embedded database and obeys commands on stdin
// ("insert N", "count", "close"), answering one line each.
const handle = openDatabase({ dataDir: process.argv[2]! });
await migrateDatabase(handle);
let inserted = 0;
process.stdout.write(`ready ${process.pid}\n`);
for await (const line of readline.createInterface({ input: process.stdin })) {
  const [command, arg] = line.trim().split(" ");
  if (command === "insert") {
    for (let i = 0; i < Number(arg); i++) {
      inserted++;
      await handle.db
        .insert(teams)
        .values({ name: `team ${process.pid}-${inserted}`, slug: `t-${process.pid}-${inserted}` });
    }
    process.stdout.write(`inserted ${inserted}\n`);
  } else if (command === "count") {
    const [row] = await handle.db.select({ n: count() }).from(teams);
    process.stdout.write(`count ${row!.n}\n`);
  } else if (command === "close") {
    await handle.close();
    process.stdout.write("closed\n");
    process.exit(0);
  }
}
