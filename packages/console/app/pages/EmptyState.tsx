// What an empty page is for, and the one thing to do next.
import type { ReactNode } from "react";

export function EmptyState(props: { title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <section className="empty-state" aria-label={props.title}>
      <h2>{props.title}</h2>
      <p>{props.children}</p>
      {props.action && <p className="empty-action">{props.action}</p>}
    </section>
  );
}
