/** A row's checkbox, named by the person whose request it is. */
export function SelectRow({ id, label, checked }: { id: string; label: string; checked: boolean }) {
  return (
    <>
      <input
        type="checkbox"
        id={`pick-${id}`}
        name="ids"
        value={id}
        defaultChecked={checked}
        className="size-5 accent-brand-700"
      />
      <label htmlFor={`pick-${id}`} className="sr-only">
        {label}
      </label>
    </>
  );
}
