/**
 * Splits markdown into top-level chunks that render the same alone as together, so a streaming
 * answer re-parses only its last chunk per frame while the finished ones stay memoised.
 *
 * A chunk ends at a blank line, except inside a fenced code block or a `$$` math block, and
 * except before a line that continues the previous chunk (indented, a list item, a table row).
 * Text with link reference or footnote definitions is not split: those reach across chunks.
 */

const fenceOpen = /^ {0,3}(`{3,}|~{3,})/;
const continues = /^(\s|[-*+] |\d{1,9}[.)](\s|$)|\|)/;
const definition = /^ {0,3}\[[^\]]+\]:/m;

export function splitBlocks(markdown: string): string[] {
  if (definition.test(markdown)) return [markdown];
  const lines = markdown.split('\n');
  const blocks: string[] = [];
  let current: string[] = [];
  let fence: { char: string; length: number } | null = null;
  let inMath = false;
  let sawBlank = false;

  const close = () => {
    if (current.length) blocks.push(current.join('\n'));
    current = [];
  };

  for (const line of lines) {
    if (fence) {
      current.push(line);
      const m = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
      if (m && m[1]![0] === fence.char && m[1]!.length >= fence.length) fence = null;
      continue;
    }
    if (line.trim() === '') {
      if (inMath) current.push(line);
      else sawBlank = true;
      continue;
    }
    if (sawBlank) {
      sawBlank = false;
      if (current.length && !continues.test(line)) close();
      else if (current.length) current.push('');
    }
    current.push(line);
    const open = fenceOpen.exec(line);
    if (open && !inMath) {
      const marker = open[1]!;
      // A backtick fence's info string may not contain backticks; then it is not a fence.
      if (!(marker[0] === '`' && line.slice(line.indexOf(marker) + marker.length).includes('`'))) {
        fence = { char: marker[0]!, length: marker.length };
      }
      continue;
    }
    if (/^\s*\$\$/.test(line) || /\$\$\s*$/.test(line)) {
      const count = line.split('$$').length - 1;
      if (count % 2 === 1) inMath = !inMath;
    }
  }
  close();
  return blocks;
}
