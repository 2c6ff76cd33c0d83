"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import type { OldNameCertificate } from "@/lib/db/profile";
import { PersonName } from "@/components/ui/person-name";
import { Link } from "@/lib/i18n/navigation";

/**
 * After a save: says it is saved, and names each valid certificate that still prints the
 * old name (an issued certificate keeps its names), with the way to have it reissued.
 * Takes the focus when it appears after a save, as the page stays where it is.
 */
export function OldNamesNotice(props: {
  saved: boolean;
  certificates: OldNameCertificate[];
  country?: string;
  contactEmail: string;
}) {
  const t = useTranslations("Profile");
  const ref = useRef<HTMLDivElement>(null);
  const { saved } = props;
  useEffect(() => {
    if (saved) ref.current?.focus();
  }, [saved, props.certificates]);
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="status"
      className="rounded-lg border border-green-300 bg-green-50 p-4 text-green-950"
    >
      {saved && <p className="font-semibold">{t("savedHere")}</p>}
      {props.certificates.map((c) => (
        <p key={c.code} className={saved ? "mt-2" : undefined}>
          {t.rich("oldName", {
            cohort: c.cohort,
            name: () => (
              <>
                <PersonName name={c.name} className="font-semibold" />
                {c.nativeName && (
                  <>
                    {" / "}
                    <PersonName name={c.nativeName} country={props.country} className="font-semibold" />
                  </>
                )}
              </>
            ),
            contact: () => (
              <a href={`mailto:${props.contactEmail}`} className="font-medium text-brand-800 underline">
                {props.contactEmail}
              </a>
            ),
            link: (chunks) => (
              <Link href={`/verify/${c.code}`} className="font-medium text-brand-800 underline">
                {chunks}
              </Link>
            ),
          })}
        </p>
      ))}
    </div>
  );
}
