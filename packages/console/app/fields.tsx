// A labelled form field with its hint and the issues that name it.
import { useId } from "react";
import type { ApiIssue } from "./api.js";

/** Issues whose JSON path is `path` or inside it (`/a/b`, `a.b`, `a[0]` spellings alike). */
export function issuesFor(issues: ApiIssue[], path: string): ApiIssue[] {
  const norm = (p: string) =>
    p
      .replace(/^\//, "")
      .replace(/\//g, ".")
      .replace(/\[(\d+)\]/g, ".$1");
  const want = norm(path);
  return issues.filter((i) => {
    const have = norm(i.path ?? "");
    return have === want || have.startsWith(`${want}.`);
  });
}

interface InputProps {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: boolean;
}

export function Field(props: {
  label: string;
  hint?: string | undefined;
  issues?: ApiIssue[];
  children: (input: InputProps) => React.ReactNode;
}) {
  const id = useId();
  const issues = props.issues ?? [];
  const errors = issues.filter((i) => i.severity !== "warning");
  const described = [props.hint ? `${id}-hint` : "", issues.length ? `${id}-issues` : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {props.children({
        id,
        ...(described ? { "aria-describedby": described } : {}),
        ...(errors.length ? { "aria-invalid": true } : {}),
      })}
      {props.hint && (
        <p className="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      {issues.length > 0 && <Issues id={`${id}-issues`} issues={issues} />}
    </div>
  );
}

export function Issues({ issues, id }: { issues: ApiIssue[]; id?: string }) {
  if (issues.length === 0) return null;
  return (
    <ul className="issues" id={id}>
      {issues.map((i, n) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: issues have no identity of their own
        <li key={n} className={i.severity === "warning" ? "warning" : "error"}>
          {i.severity === "warning" ? "Warning: " : ""}
          {i.message}
        </li>
      ))}
    </ul>
  );
}
