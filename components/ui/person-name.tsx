import { nameLang } from "@/lib/domain/names";

/**
 * A person's name as they wrote it, in any script: isolated from the text around it (a
 * right-to-left name does not reorder its sentence), and marked with its language when
 * it is not in Latin script, so that screen readers pronounce it and browsers pick a font.
 */
export function PersonName(props: { name: string; country?: string | null; className?: string }) {
  return (
    <bdi lang={nameLang(props.name, props.country)} className={props.className}>
      {props.name}
    </bdi>
  );
}
