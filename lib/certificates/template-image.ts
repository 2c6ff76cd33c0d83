// An uploaded logo or signature, checked and brought to the PNG it is printed as. sharp
// (libvips) decodes it: a PNG is re-encoded (nothing but its pixels is kept), an SVG is drawn
// by librsvg, which runs no script and loads no file or address, and is never served back.
import "server-only";
import { createHash } from "node:crypto";
import sharp from "sharp";
import {
  MAX_IMAGE_BYTES,
  MAX_IMAGE_PIXELS,
  STORED_IMAGE_PIXELS,
  sniffImageType,
  type IMAGE_TYPES,
} from "@/lib/domain/certificate-template";

export type PreparedImage = {
  png: Uint8Array<ArrayBuffer>;
  width: number;
  height: number;
  sha256: string;
  uploadedType: (typeof IMAGE_TYPES)[number];
};
export type ImageError = "too-large" | "not-image" | "too-many-pixels";

export async function prepareImage(
  bytes: Uint8Array,
): Promise<{ ok: true; image: PreparedImage } | { ok: false; error: ImageError }> {
  if (bytes.byteLength > MAX_IMAGE_BYTES) return { ok: false, error: "too-large" };
  const type = sniffImageType(bytes);
  if (!type) return { ok: false, error: "not-image" };
  const options = { limitInputPixels: MAX_IMAGE_PIXELS * MAX_IMAGE_PIXELS, failOn: "error" } as const;
  try {
    const meta = await sharp(bytes, options).metadata();
    if (!meta.width || !meta.height) return { ok: false, error: "not-image" };
    if (meta.width > MAX_IMAGE_PIXELS || meta.height > MAX_IMAGE_PIXELS) return { ok: false, error: "too-many-pixels" };
    // An SVG's own size is in points at 72 dpi; it is drawn at the density that makes its
    // longest side the stored size, so that it stays sharp however small it was declared.
    const density =
      type === "image/svg+xml"
        ? Math.min(2400, (72 * STORED_IMAGE_PIXELS) / Math.max(meta.width, meta.height))
        : undefined;
    const { data, info } = await sharp(bytes, { ...options, ...(density && { density }) })
      .resize({ width: STORED_IMAGE_PIXELS, height: STORED_IMAGE_PIXELS, fit: "inside", withoutEnlargement: true })
      .png({ compressionLevel: 9 })
      .toBuffer({ resolveWithObject: true });
    const png = new Uint8Array(data);
    return {
      ok: true,
      image: {
        png,
        width: info.width,
        height: info.height,
        sha256: createHash("sha256").update(png).digest("hex"),
        uploadedType: type,
      },
    };
  } catch {
    return { ok: false, error: "not-image" };
  }
}
