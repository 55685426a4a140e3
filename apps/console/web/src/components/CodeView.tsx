import hljs from 'highlight.js/lib/core';
import nginx from 'highlight.js/lib/languages/nginx';
import { useMemo } from 'react';

hljs.registerLanguage('nginx', nginx);

/** Rendered configuration, highlighted as nginx (ModSecurity directives share its shape). */
export function CodeView({ code, label }: { code: string; label: string }) {
  // highlight.js escapes the source; its output holds only its own spans.
  const html = useMemo(() => hljs.highlight(code, { language: 'nginx' }).value, [code]);
  return (
    <pre className="code" aria-label={label} tabIndex={0}>
      <code dangerouslySetInnerHTML={{ __html: html }} />
    </pre>
  );
}
