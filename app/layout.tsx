// The real <html> lives in app/[locale]/layout.tsx, which knows the locale.
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return children;
}
