import { Link } from '../router.tsx';

/** Navigation tabs backed by URLs, so each tab can be bookmarked and reloaded. */
export function Tabs({ items, current, label }: { items: { href: string; label: string; id: string }[]; current: string; label: string }) {
  return (
    <nav className="tabs" aria-label={label}>
      {items.map((it) => (
        <Link key={it.id} href={it.href} className="tab" aria-current={it.id === current ? 'page' : undefined}>
          {it.label}
        </Link>
      ))}
    </nav>
  );
}
