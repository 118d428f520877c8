// Drawn inline: no icon font or emoji font is fetched or assumed to be installed.
const paths = {
  folder: 'M1.5 3.5A1 1 0 0 1 2.5 2.5h3.6l1.4 1.5h6a1 1 0 0 1 1 1v7.5a1 1 0 0 1-1 1h-11a1 1 0 0 1-1-1z',
  file: 'M3.5 1.5h6l3 3v10h-9z M9.5 1.5v3h3',
};

/** A small decorative icon; the text next to it carries the meaning. */
export function Icon({ name }: { name: keyof typeof paths }) {
  return (
    <svg
      className={`icon icon-${name}`}
      viewBox="0 0 16 16"
      width="16"
      height="16"
      aria-hidden="true"
      focusable="false"
    >
      <path d={paths[name]} />
    </svg>
  );
}
