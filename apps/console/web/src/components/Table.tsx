import type { ReactNode } from 'react';

/** A data table with its (screen-reader) caption and column headers; the rows are the caller's. */
export function Table({ caption, columns, children, className }: { caption: ReactNode; columns: readonly string[]; children: ReactNode; className?: string }) {
  return (
    <table className={className}>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th scope="col" key={column}>
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
