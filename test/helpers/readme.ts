// The README's parts the tests run: the code blocks of a section, found by its
// heading, and the relative links of a markdown file.
import { readText } from './files.js';

export interface CodeBlock {
  lang: string;
  code: string;
}

/** The fenced code blocks between `heading` (a whole line, such as `### Read the docs`) and the next heading of its level or higher. */
export function codeBlocksOf(markdown: string, heading: string): CodeBlock[] {
  const start = markdown.indexOf(`\n${heading}\n`);
  if (start === -1) throw new Error(`no section "${heading}"`);
  const level = heading.indexOf(' ');
  const next = new RegExp(`\\n#{1,${level}} `, 'g');
  next.lastIndex = start + heading.length + 1;
  const end = next.exec(markdown)?.index ?? markdown.length;
  const section = markdown.slice(start, end);
  return [...section.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1] as string, code: m[2] as string }));
}

export const readme = (): string => readText('README.md');

/** The targets of a markdown file's links that are not absolute URLs or anchors, without their #fragment. */
export function relativeLinks(markdown: string): string[] {
  const targets = [...markdown.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1] as string);
  return targets.filter((t) => !/^[a-z]+:/i.test(t) && !t.startsWith('#')).map((t) => t.split('#')[0] as string);
}
