// The deployment's AUTH_SECRET: Auth.js hashes sign-in link tokens with it; the app hashes
// sign-in codes and signs unsubscribe links and check-in passes with it; the
// credential-signing key is sealed under it (lib/certificates/key-sealing.ts).
import "server-only";

export function authSecret(): string {
  const secret = process.env.AUTH_SECRET ?? process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set");
  return secret;
}
