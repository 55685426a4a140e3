import { type ReactNode, useState } from 'react';

/**
 * "Saved." for an editor that restarts from the server's new version after each save (it is
 * re-keyed by version): the notice lives above it, and shows while the saved version is on screen.
 */
export function SavedNotice({ version, message, editor }: { version: number; message: string; editor: (onSaved: (version: number) => void) => ReactNode }) {
  const [saved, setSaved] = useState<number>();
  return (
    <>
      {saved === version && <p role="status">{message}</p>}
      {editor(setSaved)}
    </>
  );
}
