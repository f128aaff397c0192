export interface NavLink {
  /** The id of the section's heading: the link's target. */
  target: string;
  label: string;
}

/**
 * Links to each section of a long page, at its top. Plain in-page links: they work without
 * script, the browser moves focus and scrolls, and the address keeps the place on reload.
 */
export function SectionNav({ links, label }: { links: readonly NavLink[]; label: string }) {
  return (
    <nav class="section-nav" aria-label={label}>
      <ul>
        {links.map((link) => (
          <li key={link.target}>
            <a href={`#${link.target}`}>{link.label}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
