import { z } from "zod";
import { normaliseCode } from "@/lib/auth/codes";
import { ZEmailAddress } from "@/lib/schemas/common";

/** Only paths on this site: never an absolute URL, so sign-in cannot redirect elsewhere. */
export const ZReturnPath = z
  .string()
  .regex(/^\/(?![/\\])[^\s]*$/, "must be a path on this site")
  .catch("/dashboard");

export const ZSignInRequest = z.object({
  email: ZEmailAddress,
  callbackUrl: ZReturnPath,
});
export type TSignInRequest = z.infer<typeof ZSignInRequest>;

/**
 * A code typed on the check-email page: six digits (of any script lib/domain/digits.ts
 * knows), spaces and dashes allowed between them (normaliseCode).
 */
export const ZSignInCode = z.object({
  email: ZEmailAddress,
  code: z
    .string()
    .transform(normaliseCode)
    .pipe(z.string().regex(/^\d{6}$/)),
  callbackUrl: ZReturnPath,
});
