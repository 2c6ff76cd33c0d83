import type { MetadataRoute } from "next";
import { listLectures } from "@/lib/content";

const SITE_URL = process.env.SITE_URL ?? "http://localhost:3000";

export default function sitemap(): MetadataRoute.Sitemap {
  return [
    { url: `${SITE_URL}/`, changeFrequency: "weekly", priority: 1 },
    { url: `${SITE_URL}/lectures`, changeFrequency: "monthly", priority: 0.8 },
    ...listLectures().map((l) => ({
      url: `${SITE_URL}/lectures/${l.slug}`,
      changeFrequency: "monthly" as const,
      priority: 0.7,
    })),
  ];
}
