import type { ComponentChildren } from 'preact';

/**
 * A wide table's scroll container: at 360 px the table scrolls sideways inside it, not the page.
 * It is a labelled region that takes the keyboard focus, so a keyboard user can scroll it too
 * (WCAG 2.1.1; axe-core scrollable-region-focusable). Give the table's heading or caption as `label`.
 */
export function TableWrap({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
