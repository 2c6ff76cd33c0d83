// The deployment's credential-signing keys (lib/db/issuer-keys.ts), on the database `npm start`
// uses, also while the app runs:
//   list            every key: in use, retired or withdrawn, and the certificates each signed
//   rotate          a new key signs from now on; the others are retired and stay published,
//                   so that what they signed still verifies
//   withdraw KID... for a key that may be in other hands (a leaked AUTH_SECRET with a copy of
//                   the database): it is no longer published, so nothing it signs verifies,
//                   and every certificate it signed is signed again with the key in use,
//                   its holder told
//   resign          finishes the re-signing of an interrupted withdraw
// Running app servers sign with the new key within SIGNING_KEY_RECHECK_MS; verifiers may keep
// the published key set for its Cache-Control max-age (5 minutes).
import { register } from "node:module";
import { ensureAuthSecret } from "./lib/auth-secret.ts";
import { migrate, openDatabase } from "./lib/database.ts";
import { StartupError } from "./lib/errors.ts";

const USAGE = `Usage: npm run keys -- list | rotate | withdraw <kid>... | resign`;
const [command = "list", ...kids] = process.argv.slice(2);

const day = (at: Date | null) => (at ? at.toISOString().slice(0, 16).replace("T", " ") : "");

async function main(url: string): Promise<void> {
  process.env.AUTH_SECRET = ensureAuthSecret();
  // lib/ imports "server-only": in this process it resolves as in Next's server bundles.
  register("./lib/server-only-hooks.mjs", import.meta.url);
  const { createPrismaClient } = await import("../lib/db/client.ts");
  const keys = await import("../lib/db/issuer-keys.ts");
  const db = createPrismaClient(url, { max: 2 });
  try {
    if (command === "list") {
      const rows = await keys.listIssuerKeys(db);
      if (rows.length === 0) console.log("No signing key yet: one is made when the first certificate is issued.");
      for (const key of rows) {
        const state = key.withdrawnAt
          ? `withdrawn ${day(key.withdrawnAt)}`
          : key.retiredAt
            ? `retired ${day(key.retiredAt)}`
            : key.opens
              ? "signs"
              : "does not open under this AUTH_SECRET";
        console.log(`${key.kid}  made ${day(key.createdAt)}  ${state}  ${key.credentials} certificate(s)`);
      }
    } else if (command === "rotate") {
      const kid = await keys.rotateSigningKey(db);
      console.log(`New signing key ${kid}; the others are retired and stay published.`);
    } else if (command === "withdraw" || command === "resign") {
      if (command === "withdraw" && kids.length === 0) throw new StartupError(USAGE);
      if (command === "resign" && kids.length > 0) throw new StartupError(USAGE);
      const result = await keys
        .withdrawSigningKeys(db, kids, {
          onProgress: (done, resigned) =>
            process.stdout.write(`\r  ${done} certificates read, ${resigned} signed again`),
        })
        .catch((err: unknown) => {
          throw err instanceof keys.UnknownKeyError ? new StartupError(err.message) : err;
        });
      process.stdout.write("\n");
      console.log(
        `Withdrawn (not published): ${result.withdrawn.join(", ") || "none"}. ` +
          `${result.resigned} credential(s) signed again with ${result.signingKid}. ` +
          "The holders of valid certificates among them are told, on their dashboard and by e-mail, to download the file again.",
      );
    } else throw new StartupError(USAGE);
  } finally {
    await db.$disconnect();
  }
}

let code = 0;
const database = await openDatabase({ attach: true }).catch((err: unknown) => {
  console.error(err instanceof StartupError ? err.message : err);
  process.exit(1);
});
try {
  await migrate(database.url, { quiet: true });
  await main(database.url);
} catch (err) {
  console.error(err instanceof StartupError ? err.message : err);
  code = 1;
} finally {
  await database.stop();
}
process.exit(code);
