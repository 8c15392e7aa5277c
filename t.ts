import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
let t = Date.now();
const c = new PGlite();
await migrate(drizzle({client: c}), { migrationsFolder: "db/migrations" });
console.log("migrate", Date.now() - t);
t = Date.now();
const blob = await c.dumpDataDir("none");
console.log("dump", Date.now() - t, blob.size);
for (let i=0;i<3;i++){ t = Date.now();
const c2 = await PGlite.create({ loadDataDir: blob });
const r = await c2.query("select count(*) from projects");
console.log("load", Date.now() - t, r.rows);}
