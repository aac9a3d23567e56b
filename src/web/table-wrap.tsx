import type { ComponentChildren } from 'preact';
import { t, type Lang } from '../platform/i18n';

/**
 * A wide table's scroll container: at 360 px the table scrolls sideways inside it, not the page.
 * It is a labelled region that takes the keyboard focus, so a keyboard user can scroll it too
 * (WCAG 2.1.1; axe-core scrollable-region-focusable). `name` is the table's heading or caption;
 * the region is called "Bảng <name> (...)" so it differs from a section with that heading.
 */
export function TableWrap({ lang, name, children }: { lang: Lang; name: string; children: ComponentChildren }) {
  return (
    <div class="table-wrap" role="region" aria-label={t(lang, 'table.scroll', { name })} tabIndex={0}>
      {children}
    </div>
  );
}
