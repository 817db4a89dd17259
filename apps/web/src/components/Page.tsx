import { useEffect, useId, type ReactNode } from 'react';
import { usePrefs } from '../i18n/index.tsx';

export interface PageProps {
  title: string;
  /** Buttons/links shown at the end of the title row (export, create, …). */
  actions?: ReactNode;
  /** One line under the title saying what the page is for. */
  description?: ReactNode;
  children: ReactNode;
}

/** Every screen's frame: a titled region with its actions; also sets document.title. */
export function Page({ title, actions, description, children }: PageProps) {
  const { t } = usePrefs();
  const id = useId();
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
  return (
    <section className="page" aria-labelledby={id}>
      <header className="page-head">
        <div>
          <h1 id={id}>{title}</h1>
          {description && <p className="page-desc">{description}</p>}
        </div>
        {actions && <div className="page-actions">{actions}</div>}
      </header>
      {children}
    </section>
  );
}

/** A titled block inside a page. */
export function Section({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  const id = useId();
  return (
    <section className="card" aria-labelledby={id}>
      <div className="card-head">
        <h2 id={id}>{title}</h2>
        {actions && <div className="page-actions">{actions}</div>}
      </div>
      {children}
    </section>
  );
}
