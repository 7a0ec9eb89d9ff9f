import 'katex/dist/katex.min.css';
import 'highlight.js/styles/github.css';
import './highlightDark.css';
import { UnstyledButton } from '@mantine/core';
import type { Element, ElementContent } from 'hast';
import { memo, useMemo, type ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import ReactMarkdown, { defaultUrlTransform, type Components, type ExtraProps } from 'react-markdown';
import rehypeHighlight from 'rehype-highlight';
import rehypeKatex from 'rehype-katex';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import { useCopy } from '../useCopy';
import classes from './Markdown.module.css';
import { splitBlocks } from './splitBlocks';

/**
 * Model output as markdown, inert: raw HTML in the text stays text (no rehype-raw), images become
 * links (nothing loads by itself), and only absolute http(s) and mailto links survive.
 */

const remarkPlugins = [remarkGfm, remarkMath];
type Plugins = ComponentProps<typeof ReactMarkdown>['rehypePlugins'];
const katex = [rehypeKatex, { strict: 'ignore', throwOnError: false, trust: false }];
/**
 * rehype-highlight registers every grammar each time it is attached, and react-markdown attaches
 * plugins on every render: build its transform once and hand out that one. Only fenced blocks that
 * name their language are coloured (guessing runs every grammar on every block).
 */
const highlightTransform = rehypeHighlight({ detect: false });
const sharedHighlight = () => highlightTransform;
const highlighted = [katex, sharedHighlight] as Plugins;
/** For the chunk still being written: colouring it anew on every frame is the costliest part. */
const plain = [katex] as Plugins;

const allowedUrl = /^(https?:\/\/|mailto:)/i;

/** react-markdown's own filter (drops javascript:, data: and the like), then absolute web and mail links only. */
export function safeUrl(url: string): string | null {
  const kept = defaultUrlTransform(url.trim());
  return kept && allowedUrl.test(kept) ? kept : null;
}

function textOf(node: Element | ElementContent | undefined): string {
  if (!node) return '';
  if (node.type === 'text') return node.value;
  if (node.type === 'element') return node.children.map(textOf).join('');
  return '';
}

function Link({ href, children }: ComponentProps<'a'> & ExtraProps) {
  if (!href) return <span className={classes.deadLink}>{children}</span>;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  );
}

function Image({ src, alt }: ComponentProps<'img'> & ExtraProps) {
  const { t } = useTranslation();
  const label = t('chat.markdown.image', { alt: alt || t('chat.markdown.imageUntitled') });
  const href = typeof src === 'string' ? src : null;
  if (!href) return <span className={classes.image}>{label}</span>;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" className={classes.image}>
      {label}
    </a>
  );
}

function CodeBlock({ node, children }: ComponentProps<'pre'> & ExtraProps) {
  const { t } = useTranslation();
  const { copied, copy } = useCopy();
  const code = node?.children.find((c): c is Element => c.type === 'element' && c.tagName === 'code');
  const classNames = code?.properties?.className;
  const language = (Array.isArray(classNames) ? classNames : [])
    .map(String)
    .find((c) => c.startsWith('language-'))
    ?.slice('language-'.length);
  return (
    <div className={classes.codeBlock}>
      <div className={classes.codeBar}>
        <span className={classes.codeLanguage}>{language ?? t('chat.markdown.code')}</span>
        {/* Text only: message content holds no SVG of ours, so tests can assert it holds none at all. */}
        <UnstyledButton
          className={classes.codeCopy}
          onClick={() => copy(textOf(code).replace(/\n$/, ''))}
          aria-label={t('chat.markdown.copyCodeLabel', { language: language ?? t('chat.markdown.code') })}
          data-testid="code-copy"
        >
          {copied ? t('chat.markdown.copied') : t('chat.markdown.copy')}
        </UnstyledButton>
      </div>
      <pre>{children}</pre>
    </div>
  );
}

function Table({ children }: ComponentProps<'table'> & ExtraProps) {
  return (
    <div className={classes.tableWrap}>
      <table>{children}</table>
    </div>
  );
}

const components: Components = { a: Link, img: Image, pre: CodeBlock, table: Table };

/** One chunk; off-screen chunks skip layout and paint (content-visibility), long answers stay cheap. */
const Block = memo(function Block({ text, growing }: { text: string; growing: boolean }) {
  return (
    <div className={growing ? undefined : classes.block}>
      <ReactMarkdown
        remarkPlugins={remarkPlugins}
        rehypePlugins={growing ? plain : highlighted}
        components={components}
        urlTransform={safeUrl}
        skipHtml={false}
      >
        {text}
      </ReactMarkdown>
    </div>
  );
});

/**
 * Renders `text` in chunks (see splitBlocks): while an answer streams, only the last chunk is
 * parsed again on each frame (and left uncoloured until it is complete); the others are memoised
 * by their text.
 */
export const Markdown = memo(function Markdown({ text, streaming = false }: { text: string; streaming?: boolean }) {
  const blocks = useMemo(() => splitBlocks(text), [text]);
  return (
    <div className={classes.markdown} data-markdown="">
      {blocks.map((block, index) => (
        <Block key={index} text={block} growing={streaming && index === blocks.length - 1} />
      ))}
    </div>
  );
});
