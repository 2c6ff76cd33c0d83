// The WebAuthn ceremonies of admins' passkeys, through @simplewebauthn/server: options for
// the browser, with the challenge kept on the server (one per session and purpose, single
// use, minutes long), and the verification of the browser's answers. The relying party is
// the configured public address (SITE_URL), never the request's Host.
import "server-only";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { getDb } from "@/lib/db";
import {
  addPasskey,
  consumeChallenge,
  findUserPasskey,
  listPasskeys,
  recordPasskeyCheck,
  recordPasskeyFailure,
  storeChallenge,
} from "@/lib/db/passkeys";
import { challengeExpiry, CHALLENGE_MINUTES, relyingPartyOf } from "@/lib/domain/passkeys";
import { siteUrl } from "@/lib/http/site-url";

const RP_NAME = "BTBU-ECOSF Joint Training Center";

type Actor = { id: string; email: string; name: string | null };

/** Options for navigator.credentials.create(): a new passkey for the admin, none they already have. */
export async function registrationOptions(user: Actor, sessionToken: string) {
  const db = getDb();
  const rp = relyingPartyOf(siteUrl());
  const existing = await listPasskeys(db, user.id);
  const options = await generateRegistrationOptions({
    rpName: RP_NAME,
    rpID: rp.id,
    userName: user.email,
    userDisplayName: user.name ?? user.email,
    userID: new TextEncoder().encode(user.id),
    timeout: CHALLENGE_MINUTES * 60 * 1000,
    attestationType: "none",
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: p.transports })),
    authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
  });
  await storeChallenge(db, {
    sessionToken,
    purpose: "register",
    challenge: options.challenge,
    expiresAt: challengeExpiry(new Date()),
  });
  return options;
}

/** Verifies the browser's answer to registrationOptions and keeps the passkey; false when it does not verify. */
export async function finishRegistration(
  user: Actor,
  sessionToken: string,
  response: RegistrationResponseJSON,
  name: string,
): Promise<boolean> {
  const db = getDb();
  const challenge = await consumeChallenge(db, sessionToken, "register");
  if (!challenge) return false;
  const rp = relyingPartyOf(siteUrl());
  const verified = await verifyRegistrationResponse({
    response,
    expectedChallenge: challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    requireUserVerification: false,
  }).catch(() => null);
  if (!verified?.verified) {
    await recordPasskeyFailure(db, user.id, "registration");
    return false;
  }
  const { credential } = verified.registrationInfo;
  await addPasskey(db, {
    userId: user.id,
    sessionToken,
    credentialId: credential.id,
    publicKey: credential.publicKey,
    counter: credential.counter,
    transports: credential.transports ?? [],
    name,
  });
  return true;
}

/** Options for navigator.credentials.get(): any of the admin's passkeys. */
export async function authenticationOptions(userId: string, sessionToken: string) {
  const db = getDb();
  const passkeys = await listPasskeys(db, userId);
  const options = await generateAuthenticationOptions({
    rpID: relyingPartyOf(siteUrl()).id,
    allowCredentials: passkeys.map((p) => ({ id: p.credentialId, transports: p.transports })),
    userVerification: "preferred",
    timeout: CHALLENGE_MINUTES * 60 * 1000,
  });
  await storeChallenge(db, {
    sessionToken,
    purpose: "authenticate",
    challenge: options.challenge,
    expiresAt: challengeExpiry(new Date()),
  });
  return options;
}

/**
 * Verifies the browser's answer to authenticationOptions against the admin's own passkey
 * (another user's credential is no answer). `markSession`: the session has passed its
 * passkey check from now on. False when it does not verify.
 */
export async function verifyPasskeyAnswer(
  userId: string,
  sessionToken: string,
  response: AuthenticationResponseJSON,
  opts: { markSession: boolean },
): Promise<boolean> {
  const db = getDb();
  const challenge = await consumeChallenge(db, sessionToken, "authenticate");
  const passkey = challenge ? await findUserPasskey(db, userId, response.id) : null;
  if (!challenge || !passkey) {
    await recordPasskeyFailure(db, userId, challenge ? "unknown-credential" : "no-challenge");
    return false;
  }
  const rp = relyingPartyOf(siteUrl());
  const verified = await verifyAuthenticationResponse({
    response,
    expectedChallenge: challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    credential: {
      id: passkey.credentialId,
      publicKey: passkey.publicKey,
      counter: passkey.counter,
      transports: passkey.transports,
    },
    requireUserVerification: false,
  }).catch(() => null);
  if (!verified?.verified) {
    await recordPasskeyFailure(db, userId, "assertion");
    return false;
  }
  await recordPasskeyCheck(db, {
    userId,
    sessionToken,
    passkeyId: passkey.id,
    counter: verified.authenticationInfo.newCounter,
    markSession: opts.markSession,
  });
  return true;
}
