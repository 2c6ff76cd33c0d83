import { ScrollFrame } from "./scroll-frame";

// The app's plain data table: column headers, then rows the caller renders.
// `stacked`: on a narrow screen each row shows as a card, each cell under the name its
// `data-label` gives (see app/globals.css), instead of a table wider than the screen.
// Otherwise a table wider than the screen scrolls sideways in its frame (ScrollFrame),
// which the keyboard can reach, named by the table's column headers.
export function DataTable({
  headers,
  children,
  className = "",
  stacked = false,
}: {
  headers: string[];
  children: React.ReactNode;
  className?: string;
  stacked?: boolean;
}) {
  return (
    <ScrollFrame label={headers.join(", ")} className={`rounded-xl border border-stone-200 bg-white ${className}`}>
      <table className={`w-full text-start text-sm ${stacked ? "data-table-stacked" : ""}`}>
        <thead className="border-b border-stone-200 bg-stone-50 text-stone-700">
          <tr>
            {headers.map((h) => (
              <th key={h} scope="col" className="px-4 py-2 text-start">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100 align-top">{children}</tbody>
      </table>
    </ScrollFrame>
  );
}
