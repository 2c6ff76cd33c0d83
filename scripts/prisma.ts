// `tsx scripts/prisma.ts <args>`: the Prisma CLI with the offline settings.
import { runPrisma } from "./lib/prisma-cli.ts";

const { code } = await runPrisma(process.argv.slice(2));
process.exit(code);
