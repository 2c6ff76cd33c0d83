// Verifies a downloaded certificate credential (the .jwt file) with public information only:
//   npm run verify-credential -- <credential.jwt> [--jwks <file-or-url>] [--offline]
// Exit codes: 0 valid; 1 invalid, revoked, or its revocation status could not be confirmed;
// 2 usage error (bad arguments, unreadable file).
import { readFile } from "node:fs/promises";
import { decodeJwt } from "jose";
import { z } from "zod";
import {
  credentialUrls,
  recipientNames,
  verifyCredentialJwt,
  type TJwks,
  type VerifyResult,
} from "../lib/certificates/credential.ts";

const USAGE = `Usage: npm run verify-credential -- <credential.jwt> [--jwks <file-or-url>] [--offline]
  --jwks <file-or-url>  the issuer's public keys (JWKS); by default fetched from
                        <issuer>/api/credentials/jwks, the issuer named in the credential
  --offline             do not fetch the revocation status list (revocation is not checked)`;

const ISSUER_PATH = "/api/credentials/issuer";
const TIMEOUT_MS = 10_000;

class UsageError extends Error {}

type Args = { file: string; jwks: string | null; offline: boolean };

function parseArgs(argv: string[]): Args | "help" {
  let file: string | null = null;
  let jwks: string | null = null;
  let offline = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--help" || arg === "-h") return "help";
    if (arg === "--offline") offline = true;
    else if (arg === "--jwks") {
      jwks = argv[++i] ?? null;
      if (!jwks) throw new UsageError("--jwks needs a file or a URL");
    } else if (arg.startsWith("-")) throw new UsageError(`unknown option ${arg}`);
    else if (file) throw new UsageError("give one credential file");
    else file = arg;
  }
  if (!file) throw new UsageError("missing the credential file");
  return { file, jwks, offline };
}

async function fetchText(url: string): Promise<string> {
  const res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (!res.ok) throw new Error(`${url} answered HTTP ${res.status}`);
  return res.text();
}

const ZJwks = z.object({ keys: z.array(z.looseObject({ kty: z.string() })) });

async function loadJwks(source: string): Promise<TJwks> {
  const text = /^https?:\/\//i.test(source) ? await fetchText(source) : await readFile(source, "utf8");
  return ZJwks.parse(JSON.parse(text)) as TJwks;
}

/**
 * Where the issuer publishes its keys, read from the (not yet verified) credential. Trusting
 * that address is what an HTTPS issuer id means: whoever controls the origin speaks for it.
 */
function issuerBase(jwt: string): string | null {
  try {
    const iss = decodeJwt(jwt.trim()).iss;
    if (!iss) return null;
    return iss.endsWith(ISSUER_PATH) ? iss.slice(0, -ISSUER_PATH.length) : new URL(iss).origin;
  } catch {
    return null;
  }
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

function report(result: VerifyResult, offline: boolean): number {
  if (!result.valid) {
    console.log(`INVALID: ${result.reason}`);
    return 1;
  }
  const c = result.credential;
  const hasStatus = c.credentialStatus !== undefined;
  const unconfirmed = hasStatus && !offline && !result.statusChecked;
  if (result.revoked) console.log("REVOKED: the signature is valid, but the issuer has revoked this credential");
  else if (unconfirmed)
    console.log(
      "UNCONFIRMED: the signature is valid, but the revocation status list could not be retrieved (try again, or pass --offline to skip it)",
    );
  else console.log("VALID: Open Badges 3.0 credential, signature verified");
  const revocation = !hasStatus
    ? "no status entry"
    : result.revoked
      ? "REVOKED"
      : result.statusChecked
        ? "not revoked (status list checked)"
        : offline
          ? "not checked (--offline)"
          : "not checked (status list unavailable)";
  const rows: [string, string][] = [
    ["Name", recipientNames(c).join(" / ") || "(not stated)"],
    ["Achievement", c.credentialSubject.achievement.name],
    ["Issuer", `${c.issuer.name} <${c.issuer.id}>`],
    ["Issued", c.validFrom],
    ["Credential", c.id],
    ["Revocation", revocation],
  ];
  for (const [label, value] of rows) console.log(`  ${`${label}:`.padEnd(13)}${value}`);
  return result.revoked || unconfirmed ? 1 : 0;
}

async function main(argv: string[]): Promise<number> {
  let args: Args | "help";
  try {
    args = parseArgs(argv);
  } catch (err) {
    console.error(`${message(err)}\n${USAGE}`);
    return 2;
  }
  if (args === "help") {
    console.log(USAGE);
    return 0;
  }
  let jwt: string;
  try {
    jwt = await readFile(args.file, "utf8");
  } catch (err) {
    console.error(`Cannot read ${args.file}: ${message(err)}\n${USAGE}`);
    return 2;
  }
  const base = issuerBase(jwt);
  const jwksSource = args.jwks ?? (base ? credentialUrls(base).jwks : null);
  if (!jwksSource) {
    console.log("INVALID: the file is not a VC-JWT that names its issuer");
    return 1;
  }
  let jwks: TJwks;
  try {
    jwks = await loadJwks(jwksSource);
  } catch (err) {
    console.log(`UNCONFIRMED: could not load the issuer's public keys from ${jwksSource}: ${message(err)}`);
    return 1;
  }
  const result = await verifyCredentialJwt(jwt, { jwks, statusList: args.offline ? undefined : fetchText });
  return report(result, args.offline);
}

process.exitCode = await main(process.argv.slice(2));
