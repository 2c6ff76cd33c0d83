"use client";

import { useTranslations } from "next-intl";
import { useActionState, useCallback, useEffect, useRef, useState } from "react";
import {
  saveCertificateTemplateAction,
  type TemplateFormState,
} from "@/app/[locale]/(personal)/admin/cohorts/[id]/certificates/template/actions";
import { ErrorSummary, FormField, inputClass, submitKeepingValues } from "@/components/ui/form-field";
import { useHydrated } from "@/components/ui/use-hydrated";
import {
  LIMITS,
  MAX_IMAGE_BYTES,
  MAX_LOGOS,
  MAX_ORGANISERS,
  MAX_SIGNATORIES,
  PREVIEW_SAMPLES,
} from "@/lib/domain/certificate-template";

type Image = { id: string; src: string };
export type EditorValues = {
  title: string;
  intro: string;
  body: string;
  colour: string;
  accent: string;
  organisers: string;
  logos: Image[];
  signatories: { name: string; title: string; signature: Image | null }[];
};
type Words = Pick<EditorValues, "title" | "intro" | "body" | "colour" | "accent" | "organisers">;

const FILE_CLASS =
  "mt-2 block w-full text-stone-900 file:me-4 file:rounded-lg file:border file:border-stone-400 file:bg-white file:px-4 file:py-2 file:font-medium";
const PREVIEW_DELAY_MS = 600;

/** One image slot: what it holds now (kept unless removed or replaced) and a file to upload. */
function ImageSlot({ name, label, image }: { name: string; label: string; image: Image | null }) {
  const t = useTranslations("CertificateTemplate");
  return (
    <div>
      <label htmlFor={name} className="block font-medium text-stone-900">
        {label}
      </label>
      <p id={`${name}-hint`} className="text-sm text-stone-600">
        {t("imageHint", { kb: MAX_IMAGE_BYTES / 1024 })}
      </p>
      {image && (
        <div className="mt-2 flex items-center gap-4">
          <input type="hidden" name={`${name}Keep`} value={image.id} />
          {/* eslint-disable-next-line @next/next/no-img-element -- an admin-only image route, not a static asset */}
          <img
            src={image.src}
            alt={t("currentImage", { label })}
            className="h-12 max-w-40 border border-stone-200 object-contain"
          />
          <label className="flex items-center gap-2 text-stone-800">
            <input type="checkbox" name={`${name}Remove`} className="size-4" />
            {t("remove", { label })}
          </label>
        </div>
      )}
      <input
        id={name}
        name={name}
        type="file"
        accept=".png,.svg,image/png,image/svg+xml"
        aria-describedby={`${name}-hint`}
        className={FILE_CLASS}
      />
    </div>
  );
}

/**
 * The certificate template form, with a live preview: each change sends the form as it
 * stands to the preview route, which answers the PDF a certificate would be (nothing is
 * saved until Save).
 */
export function TemplateEditor({
  cohortId,
  values,
  defaults,
}: {
  cohortId: string;
  values: EditorValues;
  defaults: Words;
}) {
  const hydrated = useHydrated();
  const t = useTranslations("CertificateTemplate");
  const [state, action, pending] = useActionState<TemplateFormState, FormData>(saveCertificateTemplateAction, {});
  const form = useRef<HTMLFormElement>(null);
  const [preview, setPreview] = useState<{
    url: string | null;
    status: "idle" | "loading" | "ready" | "error";
    error?: string;
  }>({ url: null, status: "idle" });
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const latest = useRef(0);
  const errorText = (s: TemplateFormState) =>
    s.error &&
    (s.slot
      ? t(`errors.${s.error}` as "errors.not-image", { slot: t(`slot.${s.slot.kind}`, { number: s.slot.number }) })
      : t(`errors.${s.error}` as "errors.title", { max: MAX_ORGANISERS }));

  const refresh = useCallback(async () => {
    if (!form.current) return;
    const ticket = ++latest.current;
    setPreview((p) => ({ ...p, status: "loading" }));
    const response = await fetch(`/api/admin/cohorts/${cohortId}/certificate-template/preview.pdf`, {
      method: "POST",
      body: new FormData(form.current),
    }).catch(() => null);
    if (ticket !== latest.current) return;
    if (!response?.ok) {
      const body = (await response?.json().catch(() => null)) as TemplateFormState | null;
      setPreview((p) => ({ ...p, status: "error", error: (body && errorText(body)) || t("previewFailed") }));
      return;
    }
    const url = URL.createObjectURL(await response.blob());
    setPreview((p) => {
      if (p.url) URL.revokeObjectURL(p.url);
      return { url, status: "ready" };
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- errorText only reads t
  }, [cohortId, t]);
  const schedule = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(refresh, PREVIEW_DELAY_MS);
  };
  useEffect(() => {
    void refresh();
    return () => clearTimeout(timer.current);
  }, [refresh]);
  const restoreDefaults = () => {
    const elements = form.current?.elements;
    if (!elements) return;
    for (const [name, value] of Object.entries(defaults)) {
      const field = elements.namedItem(name);
      if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) field.value = value;
    }
    schedule();
  };
  const message = errorText(state);
  return (
    <div className="mt-8 grid gap-10 lg:grid-cols-[minmax(0,5fr)_minmax(0,6fr)]">
      <form
        ref={form}
        action={action}
        onSubmit={submitKeepingValues(action)}
        onChange={schedule}
        onInput={schedule}
        className="space-y-6"
        aria-busy={pending}
      >
        <input type="hidden" name="cohortId" value={cohortId} />
        {message && <ErrorSummary message={message} result={state} />}
        <fieldset className="space-y-4">
          <legend className="text-lg font-semibold text-stone-900">{t("wording")}</legend>
          <FormField name="title" label={t("fields.title")} error={state.error === "title" ? message : undefined}>
            {(p) => (
              <input {...p} defaultValue={values.title} maxLength={LIMITS.title} required className={inputClass} />
            )}
          </FormField>
          <FormField name="intro" label={t("fields.intro")} hint={t("hints.intro")}>
            {(p) => <input {...p} defaultValue={values.intro} maxLength={LIMITS.intro} className={inputClass} />}
          </FormField>
          <FormField
            name="body"
            label={t("fields.body")}
            hint={t("hints.body")}
            error={state.error === "body" ? message : undefined}
          >
            {(p) => <input {...p} defaultValue={values.body} maxLength={LIMITS.body} required className={inputClass} />}
          </FormField>
          <FormField
            name="organisers"
            label={t("fields.organisers")}
            hint={t("hints.organisers", { max: MAX_ORGANISERS })}
            error={state.error === "organisers" ? message : undefined}
          >
            {(p) => <textarea {...p} defaultValue={values.organisers} rows={4} className={inputClass} />}
          </FormField>
          <div className="flex flex-wrap gap-6">
            <FormField
              name="colour"
              label={t("fields.colour")}
              hint={t("hints.colour")}
              error={state.error === "colour" || state.error === "colour-contrast" ? message : undefined}
            >
              {(p) => <input {...p} type="color" defaultValue={values.colour} className="mt-1 h-10 w-20" />}
            </FormField>
            <FormField name="accent" label={t("fields.accent")} hint={t("hints.accent")}>
              {(p) => <input {...p} type="color" defaultValue={values.accent} className="mt-1 h-10 w-20" />}
            </FormField>
          </div>
          {/* It sets the fields by script: without one, the button would do nothing. */}
          {hydrated && (
            <button
              type="button"
              onClick={restoreDefaults}
              className="rounded-lg border border-stone-400 bg-white px-4 py-2 font-medium text-stone-900 hover:bg-stone-50"
            >
              {t("restoreDefaults")}
            </button>
          )}
        </fieldset>
        <fieldset className="space-y-4">
          <legend className="text-lg font-semibold text-stone-900">{t("logos")}</legend>
          <p className="text-sm text-stone-700">{t("logosHint")}</p>
          {Array.from({ length: MAX_LOGOS }, (_, i) => (
            <ImageSlot
              key={i}
              name={`logo${i}`}
              label={t("slot.logo", { number: i + 1 })}
              image={values.logos[i] ?? null}
            />
          ))}
        </fieldset>
        {Array.from({ length: MAX_SIGNATORIES }, (_, i) => {
          const s = values.signatories[i];
          return (
            <fieldset key={i} className="space-y-4">
              <legend className="text-lg font-semibold text-stone-900">{t("signatory", { number: i + 1 })}</legend>
              <FormField name={`signatory${i}Name`} label={t("fields.signatoryName")}>
                {(p) => <input {...p} defaultValue={s?.name ?? ""} maxLength={LIMITS.name} className={inputClass} />}
              </FormField>
              <FormField name={`signatory${i}Title`} label={t("fields.signatoryTitle")}>
                {(p) => <input {...p} defaultValue={s?.title ?? ""} maxLength={LIMITS.role} className={inputClass} />}
              </FormField>
              <ImageSlot
                name={`signatory${i}Signature`}
                label={t("slot.signature", { number: i + 1 })}
                image={s?.signature ?? null}
              />
            </fieldset>
          );
        })}
        <FormField name="sample" label={t("fields.sample")} hint={t("hints.sample")}>
          {(p) => (
            <select {...p} defaultValue="persian" className={inputClass}>
              {Object.entries(PREVIEW_SAMPLES).map(([key, s]) => (
                <option key={key} value={key}>
                  {s.name} / {s.nativeName}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <button
          type="submit"
          disabled={pending}
          className="rounded-lg bg-brand-700 px-5 py-2.5 font-medium text-white hover:bg-brand-800 disabled:opacity-70"
        >
          {pending ? t("saving") : t("save")}
        </button>
      </form>
      <section aria-labelledby="preview-title" className="lg:sticky lg:top-24 lg:self-start">
        <h3 id="preview-title" className="text-lg font-semibold text-stone-900">
          {t("previewTitle")}
        </h3>
        <p role="status" className="mt-1 min-h-6 text-sm text-stone-700">
          {preview.status === "loading"
            ? t("previewLoading")
            : preview.status === "error"
              ? preview.error
              : preview.status === "ready"
                ? t("previewReady")
                : ""}
        </p>
        {preview.url ? (
          <>
            <iframe
              title={t("previewFrame")}
              src={preview.url}
              data-testid="template-preview"
              className="mt-2 aspect-[297/210] w-full border border-stone-300"
            />
            <a
              href={preview.url}
              download="certificate-preview.pdf"
              className="mt-2 inline-block font-medium text-brand-800 underline"
            >
              {t("previewDownload")}
            </a>
          </>
        ) : (
          <a
            href={`/api/admin/cohorts/${cohortId}/certificate-template/preview.pdf`}
            className="mt-2 inline-block font-medium text-brand-800 underline"
          >
            {t("previewSaved")}
          </a>
        )}
      </section>
    </div>
  );
}
