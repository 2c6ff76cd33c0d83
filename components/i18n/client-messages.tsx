import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";

type Namespace =
  | "Site"
  | "Error"
  | "Auth"
  | "Profile"
  | "AdminCohorts"
  | "AdminSessions"
  | "Roster"
  | "Quiz"
  | "AdminQuizzes"
  | "AdminCertificates"
  | "CertificateTemplate"
  | "People"
  | "Passkeys";

/**
 * Hands client components only the catalog namespaces they use: by default
 * next-intl would serialise the whole catalog into every page.
 */
export async function ClientMessages({ namespaces, children }: { namespaces: Namespace[]; children: React.ReactNode }) {
  const all = (await getMessages()) as Record<string, unknown>;
  const messages = Object.fromEntries(namespaces.map((ns) => [ns, all[ns]]));
  return <NextIntlClientProvider messages={messages as never}>{children}</NextIntlClientProvider>;
}
