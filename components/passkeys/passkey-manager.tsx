"use client";

import { startAuthentication, startRegistration } from "@simplewebauthn/browser";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import {
  beginPasskeyRegistration,
  beginRemovalCheck,
  finishPasskeyRegistration,
  removePasskeyAction,
  renamePasskeyAction,
  type PasskeyActionResult,
} from "@/app/[locale]/(personal)/account/security/actions";
import { CONTROL } from "@/components/ui/control-classes";

export type PasskeyRow = { id: string; name: string; created: string; lastUsed: string | null };

const BUTTON =
  "rounded-lg border border-stone-400 bg-white px-3 py-1.5 text-sm font-medium text-stone-900 hover:border-brand-600";
const INPUT = `mt-1 block w-full ${CONTROL}`;

/** The admin's passkeys: add one (the browser's prompt), rename or remove each. */
export function PasskeyManager({ passkeys }: { passkeys: PasskeyRow[] }) {
  const t = useTranslations("Passkeys");
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean }>();

  /** Runs one change; the browser's prompt throws when it is dismissed or times out. */
  async function run(change: () => Promise<PasskeyActionResult>, done: string) {
    setBusy(true);
    setMessage(undefined);
    try {
      const result = await change();
      if (result.ok) {
        setMessage({ text: done, error: false });
        router.refresh();
      } else setMessage({ text: t(`errors.${result.error}`), error: true });
    } catch {
      setMessage({ text: t("errors.cancelled"), error: true });
    } finally {
      setBusy(false);
    }
  }

  function add(form: FormData) {
    return run(async () => {
      const begun = await beginPasskeyRegistration();
      if (!begun.ok) return begun;
      const response = await startRegistration({ optionsJSON: begun.options });
      return finishPasskeyRegistration({ name: form.get("name"), response });
    }, t("added"));
  }

  function rename(id: string, form: FormData) {
    return run(() => renamePasskeyAction({ id, name: form.get("name") }), t("renamed"));
  }

  function remove(id: string) {
    return run(async () => {
      if (passkeys.length > 1) return removePasskeyAction({ id });
      // The last one: a fresh passkey check made for this removal.
      const begun = await beginRemovalCheck();
      if (!begun.ok) return begun;
      const check = await startAuthentication({ optionsJSON: begun.options });
      return removePasskeyAction({ id, check });
    }, t("removed"));
  }

  return (
    <>
      <section aria-labelledby="passkeys-title" className="mt-8">
        <h2 id="passkeys-title" className="text-xl font-semibold text-stone-900">
          {t("listTitle")}
        </h2>
        {passkeys.length === 0 ? (
          <p className="mt-2 text-stone-700">{t("none")}</p>
        ) : (
          <ul className="mt-3 space-y-3">
            {passkeys.map((p) => (
              <li key={p.id} className="rounded-lg border border-stone-200 bg-white p-4">
                <p className="font-medium text-stone-900">{p.name}</p>
                <p className="text-sm text-stone-600">
                  {t("createdAt", { when: p.created })} ·{" "}
                  {p.lastUsed ? t("lastUsedAt", { when: p.lastUsed }) : t("neverUsed")}
                </p>
                <form action={(form) => rename(p.id, form)} className="mt-3 flex flex-wrap items-end gap-2">
                  <div className="grow">
                    <label htmlFor={`name-${p.id}`} className="text-sm font-medium text-stone-900">
                      {t("renameLabel", { name: p.name })}
                    </label>
                    <input
                      id={`name-${p.id}`}
                      name="name"
                      required
                      maxLength={60}
                      defaultValue={p.name}
                      className={INPUT}
                    />
                  </div>
                  <button type="submit" disabled={busy} className={BUTTON}>
                    {t("rename")}
                  </button>
                  <button type="button" disabled={busy} onClick={() => remove(p.id)} className={BUTTON}>
                    {t("remove", { name: p.name })}
                  </button>
                </form>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="add-title" className="mt-8 rounded-xl border border-stone-200 bg-white p-6">
        <h2 id="add-title" className="text-xl font-semibold text-stone-900">
          {t("addTitle")}
        </h2>
        <form action={add} className="mt-3 space-y-3">
          <div>
            <label htmlFor="passkey-name" className="font-medium text-stone-900">
              {t("nameLabel")}
            </label>
            <input id="passkey-name" name="name" maxLength={60} className={INPUT} />
          </div>
          <button
            type="submit"
            disabled={busy}
            className="rounded-lg bg-brand-700 px-5 py-2.5 font-medium text-white hover:bg-brand-800 disabled:opacity-70"
          >
            {t("add")}
          </button>
        </form>
      </section>
      <p role="status" className={`mt-6 ${message?.error ? "font-medium text-red-800" : "text-stone-800"}`}>
        {message?.text ?? ""}
      </p>
    </>
  );
}
