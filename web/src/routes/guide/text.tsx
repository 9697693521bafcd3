// Guide text as editors write it: paragraphs separated by a blank line, lines starting with
// "- " as a bullet list. Rendered as React elements (never HTML), so no markup gets through.
//   <GuideText text={entry.body} />    <Snippet segments={item.snippet} />
import { Fragment } from 'react';
import type { Segment } from './api.ts';

export type Block = { kind: 'p'; lines: string[] } | { kind: 'ul'; items: string[] };

/** Split text into paragraphs and bullet lists (a line ending a paragraph ends it). */
export function blocksOf(text: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of text.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    let current: Block | null = null;
    for (const raw of chunk.split('\n')) {
      const line = raw.trim();
      if (!line) continue;
      const bullet = /^[-•*]\s+(.*)$/.exec(line);
      if (bullet) {
        if (current?.kind !== 'ul') blocks.push((current = { kind: 'ul', items: [] }));
        current.items.push(bullet[1]!);
      } else {
        if (current?.kind !== 'p') blocks.push((current = { kind: 'p', lines: [] }));
        current.lines.push(line);
      }
    }
  }
  return blocks;
}

export function GuideText({ text, className }: { text: string; className?: string }) {
  const blocks = blocksOf(text);
  if (!blocks.length) return null;
  return (
    <div className={className}>
      {blocks.map((b, i) =>
        b.kind === 'ul' ? (
          <ul key={i}>
            {b.items.map((item, j) => (
              <li key={j}>{item}</li>
            ))}
          </ul>
        ) : (
          <p key={i}>
            {b.lines.map((l, j) => (
              <Fragment key={j}>
                {j > 0 ? <br /> : null}
                {l}
              </Fragment>
            ))}
          </p>
        ),
      )}
    </div>
  );
}

/** A search snippet with the matched words in <mark>. */
export function Snippet({ segments }: { segments: Segment[] }) {
  return (
    <p className="tidlig-guide-snippet">
      {segments.map((s, i) => (s.match ? <mark key={i}>{s.text}</mark> : <Fragment key={i}>{s.text.replace(/\n+/g, ' ')}</Fragment>))}
    </p>
  );
}
