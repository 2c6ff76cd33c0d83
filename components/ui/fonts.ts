// Fonts the pages load from the app itself (nothing is fetched from a font service).
import localFont from "next/font/local";

/**
 * Noto Nastaliq Urdu, the font the certificate PDF prints Urdu names in: Urdu readers
 * expect Nastaliq and read Naskh as foreign. Not preloaded: a browser fetches it only
 * when a page shows text marked lang="ur" (see globals.css).
 */
export const nastaliq = localFont({
  src: "../../node_modules/@expo-google-fonts/noto-nastaliq-urdu/400Regular/NotoNastaliqUrdu_400Regular.ttf",
  variable: "--font-nastaliq",
  display: "swap",
  preload: false,
  fallback: ["Noto Nastaliq Urdu", "Jameel Noori Nastaleeq", "serif"],
});
