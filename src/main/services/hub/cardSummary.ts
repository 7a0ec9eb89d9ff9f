/**
 * A model card (README.md) as a few paragraphs of plain text: front matter, HTML, images, code,
 * tables and markdown syntax removed. The renderer shows it as text, never as markup.
 */
export function cardSummary(markdown: string, maxChars = 1200): string {
  let text = markdown.replace(/^\uFEFF?---\r?\n[\s\S]*?\r?\n---\r?\n?/, '');
  text = text
    .replace(/```[\s\S]*?```/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<[^>]*>/g, '')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
  const paragraphs = text
    .split(/\r?\n\s*\r?\n/)
    .map((p) =>
      p
        .split(/\r?\n/)
        .filter((line) => !/^\s*\|/.test(line) && !/^\s*#{1,6}\s/.test(line) && !/^\s*[-*_]{3,}\s*$/.test(line))
        .join(' ')
        .replace(/[*_`>#]+/g, '')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((p) => p.length > 0);
  let out = '';
  for (const p of paragraphs) {
    if (out.length + p.length > maxChars) {
      if (!out) out = `${p.slice(0, maxChars - 1)}…`;
      break;
    }
    out = out ? `${out}\n\n${p}` : p;
    if (out.length > maxChars / 2) break;
  }
  return out;
}
