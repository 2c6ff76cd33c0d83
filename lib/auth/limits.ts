import type { Limit } from "@/lib/db/rate-limits";

// Sign-in e-mails per address and per client, and code attempts per address:
// 5 tries at a 6-digit code leave a 1 in 200,000 chance of a lucky guess.
export const SIGN_IN_PER_EMAIL: Limit = { name: "signin-email", points: 5, durationSeconds: 15 * 60 };
export const SIGN_IN_PER_IP: Limit = { name: "signin-ip", points: 30, durationSeconds: 15 * 60 };
export const CODE_ATTEMPTS_PER_EMAIL: Limit = { name: "code-email", points: 5, durationSeconds: 15 * 60 };
export const CODE_ATTEMPTS_PER_IP: Limit = { name: "code-ip", points: 50, durationSeconds: 15 * 60 };
