import { ApiError } from '../api/clients';

/** A 422's errors by field path (`name`, `ipDeny[3]`, `variable.key`). */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || !error.problem.errors) return {};
  return Object.fromEntries(error.problem.errors.map((item) => [item.path, item.message]));
}

/** The message of a field error, tied to its input with aria-describedby. */
export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p className="field-error" id={id} role="alert">
      {message}
    </p>
  );
}

/** Whatever went wrong, in words, with the fields a 422 named but no field on screen shows. */
export function ProblemBanner({ error, shown = [] }: { error: unknown; shown?: string[] }) {
  if (!error) return null;
  const problem = error instanceof ApiError ? error.problem : undefined;
  const rest = (problem?.errors ?? []).filter((item) => !shown.some((path) => item.path === path || item.path.startsWith(`${path}[`)));
  return (
    <div className="problem" role="alert">
      <strong>{problem?.title ?? 'Something went wrong'}</strong>
      <span> {problem?.detail ?? (error as Error).message}</span>
      {rest.length > 0 && (
        <ul>
          {rest.map((item) => (
            <li key={item.path}>
              <code>{item.path}</code> {item.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
