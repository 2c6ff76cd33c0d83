// The app's plain data table: column headers, then rows the caller renders.
export function DataTable({
  headers,
  children,
  className = "",
}: {
  headers: string[];
  children: React.ReactNode;
  className?: string;
}) {
  return (
    <div className={`overflow-x-auto rounded-xl border border-stone-200 bg-white ${className}`}>
      <table className="w-full text-start text-sm">
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
    </div>
  );
}
