import { organisersEmail } from "@/lib/site/contact";

/** The organisers' address as a mailto link, for messages that say to contact them. */
export function ContactLink({ className = "font-medium text-brand-700 underline" }: { className?: string }) {
  const email = organisersEmail();
  return (
    <a href={`mailto:${email}`} className={className}>
      {email}
    </a>
  );
}

/** For next-intl's t.rich: the message's <contact></contact> tag becomes the link. */
export const contactTag = { contact: () => <ContactLink /> };
