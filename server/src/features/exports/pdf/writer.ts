import { deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { fontName, fontOf, type Family, type FontStyle } from './fonts';
import { pdfNumber, showText, type EmbeddedFont } from './glyph-runs';
import { layoutText, type Piece, type Span, type TextLayout } from './text-layout';

type StructElement = PDFKit.PDFStructureElement;

/**
 * The parts of PDFKit's runtime API that its published types do not describe yet: the attribute
 * dictionary of a structure element, outline options, and no default font.
 */
interface StructInternals {
  dictionary: { data: Record<string, unknown> };
}
/** The current font and the page's font resources, which text shown directly needs. */
interface TextInternals {
  _font: EmbeddedFont;
  _fontSize: number;
  page: PDFKit.PDFPage & { fonts: Record<string, unknown> };
}
interface OutlineItem {
  addItem(title: string, options?: { expanded?: boolean; top?: number; left?: number }): OutlineItem;
}

export const palette = {
  text: '#1f2933',
  muted: '#52606d',
  accent: '#1d4e89',
  rule: '#c7d0db',
  headerFill: '#e8eef5',
} as const;

const sizes = { body: 10.5, small: 9, h1: 28, h2: 18, h3: 13, h4: 11 } as const;
const lineGap = 2.5;

export type HeadingLevel = 1 | 2 | 3 | 4;
const headingSize: Record<HeadingLevel, number> = { 1: sizes.h1, 2: sizes.h2, 3: sizes.h3, 4: sizes.h4 };

export interface TextStyle {
  font?: FontStyle;
  size?: number;
  color?: string;
}

export interface TocEntry {
  level: 1 | 2;
  title: string;
  destination: string;
  /** Zero-based index of the page the heading is on. */
  pageIndex: number;
}

export interface TableColumn {
  header: string;
  /** Points; one column may take the rest of the width. */
  width: number | 'rest';
}

/** A row of cells, or a note that spans every column and may run across pages (an action's notes). */
export type TableRow = { cells: string[] } | { note: string };

export interface TableSpec {
  columns: TableColumn[];
  /** The first cell of each row names the row (TH scope Row), as an action's text does. */
  rowHeaders: boolean;
  rows: TableRow[];
  /** A label in semibold before the table ("Opportunity Culture principles ..."), kept with its first row. */
  lead?: string;
}

export interface DocumentMeta {
  title: string;
  author: string;
  subject: string;
  date: Date;
}

const cellPadding = { x: 5, y: 4 };

/** One piece of a laid-out line, placed on its page. */
interface PlacedPiece {
  piece: Piece;
  x: number;
  baseline: number;
  size: number;
  color: string;
}

/**
 * A tagged PDF under construction: every piece of text goes through a method here that wraps it in a
 * structure element (headings, paragraphs, lists, tables, contents, figures), and every decoration
 * (rules, shading, footers) is marked as an artifact, so assistive technology reads the structure tree
 * in order and nothing else. Text is laid out by `layoutText` (fonts per script, right-to-left order)
 * and drawn piece by piece at the place the layout gave it; a passage in another language is a Span
 * with its /Lang.
 */
const pageMargins = { top: 64, bottom: 72, left: 64, right: 64 };

export class AccessiblePdf {
  readonly doc: PDFKit.PDFDocument;
  readonly tocEntries: TocEntry[] = [];
  private readonly root: StructElement;
  private readonly parents: StructElement[] = [];
  private readonly registered = new Set<string>();
  /** PDFKit's font object of each font registered, to tell whether it is the one selected already. */
  private readonly fontObjects = new Map<string, EmbeddedFont>();
  /**
   * The fill colour each page's content has set last: text sets it only when it changes. It holds because
   * every other fill on a page (shading, a chart's dots) is drawn in a saved graphics state and restored.
   */
  private readonly fillOfPage = new WeakMap<object, string>();
  private destinations = 0;
  /**
   * Levels by which headings are tagged higher than they look: a stage's or a role's own PDF has no
   * cover, so its first heading (a section heading on the whole plan's pages) is its H1.
   */
  headingShift = 0;
  /**
   * How new pages are turned, including those a long table or text runs on to: a section may ask for
   * landscape (the logic model), then turn back.
   */
  orientation: 'portrait' | 'landscape' = 'portrait';

  constructor(meta: DocumentMeta) {
    this.doc = new PDFDocument({
      size: 'LETTER',
      margins: pageMargins,
      pdfVersion: '1.7',
      tagged: true,
      lang: 'en-US',
      displayTitle: true,
      bufferPages: true,
      // No default font: PDFKit's default, Helvetica, is not embedded; ours are registered as used.
      font: null as unknown as string,
      info: {
        Title: meta.title,
        Author: meta.author,
        Subject: meta.subject,
        Creator: 'Teacher-leadership planner',
        CreationDate: meta.date,
      },
    });
    this.writeInBlocks();
    writeXmpMetadata(this.doc);
    writeInChunks(this.doc);
    retirePagesLeft(this.doc);
    let pages = 1;
    this.doc.on('pageAdded', () => {
      if (++pages > maxPages) throw new PdfTooLargeError(maxPages);
      writeInChunks(this.doc);
    });
    this.root = this.doc.struct('Document');
    this.doc.addStructure(this.root);
  }

  get page() {
    return this.doc.page;
  }

  get left() {
    return this.page.margins.left;
  }

  get width() {
    return this.page.width - this.page.margins.left - this.page.margins.right;
  }

  get pageIndex() {
    return this.doc.bufferedPageRange().count - 1;
  }

  private get parent(): StructElement {
    return this.parents.at(-1) ?? this.root;
  }

  /** Selects a font in PDFKit, registering it in this document on first use (only used fonts are embedded). */
  private useFont(family: Family, style: FontStyle, size: number) {
    const name = fontName(family, style);
    if (!this.registered.has(name)) {
      // PDFKit takes parsed fontkit fonts; its published types still say file names or buffers.
      this.doc.registerFont(name, fontOf(family, style) as unknown as Buffer);
      this.registered.add(name);
    }
    const doc = this.doc as PDFKit.PDFDocument & TextInternals;
    if (doc._font !== undefined && doc._font === this.fontObjects.get(name) && doc._fontSize === size) return;
    doc.font(name).fontSize(size);
    this.fontObjects.set(name, doc._font);
  }

  /** Lays out text in a style: a string, or spans of their own weight (a semibold label and its value). */
  layout(text: string | Span[], width: number, style: TextStyle = {}): TextLayout {
    const spans = typeof text === 'string' ? [{ text, font: style.font ?? 'regular' }] : text;
    return layoutText(spans, width, style.size ?? sizes.body, lineGap);
  }

  heightOf(text: string, width: number, style: TextStyle = {}): number {
    return this.layout(text, width, style).height;
  }

  /** A structure element that holds the elements added inside `body` (a Sect, an L, a TOC ...). */
  group(type: string, body: () => void, attach: StructElement = this.parent): void {
    const element = this.doc.struct(type);
    attach.add(element);
    this.parents.push(element);
    try {
      body();
    } finally {
      this.parents.pop();
      element.end();
    }
  }

  /** An open structure element whose children are added later (the contents, filled in at the end). */
  placeholder(type: string): StructElement {
    const element = this.doc.struct(type);
    this.parent.add(element);
    return element;
  }

  /** Leaf content: `fill` adds the content of one structure element (text through `drawTagged`). */
  private tagged(
    type: string,
    fill: (element: StructElement) => void,
    attributes?: Record<string, unknown>,
    options: PDFKit.Mixins.StructureElementOptions = {},
  ): StructElement {
    const element = this.doc.struct(type, options);
    // Attributes go on before end(), which writes the element out.
    if (attributes) (element as unknown as StructInternals).dictionary.data.A = attributes;
    this.parent.add(element);
    fill(element);
    element.end();
    return element;
  }

  /** Decoration that is not content: skipped by screen readers and by text extraction tools. */
  artifact(draw: () => void, type: 'Layout' | 'Pagination' = 'Layout'): void {
    this.doc.markContent('Artifact', { type });
    draw();
    this.doc.endMarkedContent();
  }

  newPage(): void {
    // Without options PDFKit takes the document's (portrait); a landscape page names its own.
    this.doc.addPage(
      this.orientation === 'landscape' ? { size: 'LETTER', layout: 'landscape', margins: pageMargins } : undefined,
    );
    this.doc.x = this.left;
  }

  /** Starts a new page unless `height` points fit below the current position. */
  keepTogether(height: number): void {
    if (this.doc.y + height > this.page.maxY()) this.newPage();
  }

  moveDown(points: number): void {
    this.doc.y = Math.min(this.doc.y + points, this.page.maxY());
  }

  /** Draws placed pieces: each in its font; shaped scripts carry their text as /ActualText. */
  private drawPieces(placed: PlacedPiece[]): void {
    // Pieces are shown together in one text object until one needs another colour. The text object keeps
    // its font to itself (in a saved graphics state, as PDFKit's text() does): the colour is set outside
    // it, and stays set for the pieces after.
    const doc = this.doc as PDFKit.PDFDocument & TextInternals;
    let lastFont: string | undefined;
    let inTextObject = false;
    let fontInTextObject: string | undefined;
    const endTextObject = () => {
      if (inTextObject) doc.addContent('ET').addContent('Q');
      inTextObject = false;
    };
    for (const { piece, x, baseline, size, color } of placed) {
      if (piece.text === '') continue;
      const font = `${piece.family}\u0000${piece.style}\u0000${size}`;
      if (font !== lastFont) this.useFont(piece.family, piece.style, size);
      if (color !== this.fillOfPage.get(doc.page)) {
        endTextObject();
        doc.fillColor(color);
        this.fillOfPage.set(doc.page, color);
      }
      lastFont = font;
      if (!inTextObject) {
        doc.addContent('q').addContent('BT');
        inTextObject = true;
        fontInTextObject = undefined;
      }
      if (font !== fontInTextObject) {
        doc.page.fonts[doc._font.id] ??= doc._font.ref();
        doc.addContent(`/${doc._font.id} ${pdfNumber(size)} Tf`);
        fontInTextObject = font;
      }
      doc.addContent(showText(doc._font, piece, size, x, baseline));
    }
    endTextObject();
  }

  /**
   * Lines of a layout placed from `top` at `x`; with `flow`, lines that do not fit go on to the next
   * page (a page is added when needed). Returns the pieces by page, and where the text ends.
   */
  private place(
    layout: TextLayout,
    x: number,
    top: number,
    style: TextStyle,
    flow: boolean,
  ): { pages: { pageIndex: number; pieces: PlacedPiece[] }[]; bottom: number } {
    const size = style.size ?? sizes.body;
    const color = style.color ?? palette.text;
    let pageIndex = this.doc.bufferedPageRange().start + this.currentPage();
    let y = top;
    const pages = [{ pageIndex, pieces: [] as PlacedPiece[] }];
    for (const line of layout.lines) {
      if (flow && y + line.height - lineGap > this.page.maxY() && y > this.page.margins.top + 1) {
        pageIndex++;
        pages.push({ pageIndex, pieces: [] });
        y = this.page.margins.top;
      }
      for (const piece of line.pieces) {
        pages.at(-1)!.pieces.push({ piece, x: x + piece.x, baseline: y + line.ascent, size, color });
      }
      y += line.height;
    }
    return { pages, bottom: y };
  }

  private currentPage(): number {
    const range = this.doc.bufferedPageRange();
    return this.doc.page === undefined ? 0 : range.count - 1 - this.pagesAfterCurrent();
  }

  /** Pages after the one being written (when the contents or a cell went back to an earlier page). */
  private pagesAfterCurrent(): number {
    const range = this.doc.bufferedPageRange();
    for (let i = range.count - 1; i >= 0; i--) {
      if ((this.doc as unknown as { _pageBuffer: unknown[] })._pageBuffer[i] === this.doc.page)
        return range.count - 1 - i;
    }
    return 0;
  }

  /** Goes to a page of the document, adding pages until it exists. */
  private goToPage(pageIndex: number): void {
    while (this.doc.bufferedPageRange().count <= pageIndex) {
      this.doc.switchToPage(this.doc.bufferedPageRange().count - 1);
      this.newPage();
    }
    this.doc.switchToPage(pageIndex);
  }

  /**
   * Draws text as the content of `element`, in its reading order: the default language as marked
   * content of the element, a passage in another language as a Span child with its /Lang.
   */
  private drawTagged(
    element: StructElement,
    text: string | Span[],
    x: number,
    top: number,
    width: number,
    style: TextStyle,
    options: { flow?: boolean; layout?: TextLayout } = {},
  ): number {
    const layout = options.layout ?? this.layout(text, width, style);
    const { pages, bottom } = this.place(layout, x, top, style, options.flow ?? true);
    for (const { pageIndex, pieces } of pages) {
      this.goToPage(pageIndex);
      let run: PlacedPiece[] = [];
      let lang: string | undefined;
      const flush = () => {
        if (run.length === 0) return;
        const pieces = run;
        if (lang) {
          const span = this.doc.struct('Span', { lang });
          element.add(span);
          span.add(() => this.drawPieces(pieces));
          span.end();
        } else {
          element.add(() => this.drawPieces(pieces));
        }
        run = [];
      };
      for (const placed of pieces) {
        // Spaces and punctuation go with the passage around them.
        const pieceLang = placed.piece.text.trim() === '' ? lang : placed.piece.lang;
        if (pieceLang !== lang) flush();
        lang = pieceLang;
        run.push(placed);
      }
      flush();
    }
    return bottom;
  }

  /** Text that is not content (a repeated header, a footer): drawn as placed, in the current artifact. */
  private drawPlain(text: string, x: number, top: number, width: number, style: TextStyle): number {
    const { pages, bottom } = this.place(this.layout(text, width, style), x, top, style, false);
    for (const page of pages) this.drawPieces(page.pieces);
    return bottom;
  }

  /** The width of one line of text in a style, as it will be drawn. */
  widthOf(text: string, style: TextStyle = {}): number {
    return this.layout(text, 100_000, style).lines[0]?.width ?? 0;
  }

  /**
   * One line of text drawn at `x` (its left edge, its right edge with `align: 'right'`, its middle with
   * 'center') below `top`, with no structure element of its own: for the labels inside a figure, whose
   * alternative text says what they say, or inside an artifact.
   */
  label(text: string, x: number, top: number, style: TextStyle, align: 'left' | 'right' | 'center' = 'left'): void {
    const width = this.widthOf(text, style);
    const left = align === 'left' ? x : align === 'right' ? x - width : x - width / 2;
    this.drawPlain(text, left, top, width + 1, style);
  }

  /** One line of text cut with an ellipsis to fit `width`. */
  private fitLine(text: string, width: number, style: TextStyle): string {
    const fits = (t: string) => this.layout(t, 100_000, style).lines[0]!.width <= width;
    if (fits(text)) return text;
    let low = 0;
    let high = text.length;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (fits(`${text.slice(0, mid).trimEnd()}…`)) low = mid;
      else high = mid - 1;
    }
    return `${text.slice(0, low).trimEnd()}…`;
  }

  /**
   * A heading; with `toc`, it is listed in the contents and bookmarked (under `bookmarkParent`, if
   * given), the bookmark landing on the heading itself; the returned outline item can take children.
   */
  heading(
    level: HeadingLevel,
    text: string,
    options: {
      toc?: 1 | 2;
      bookmarkParent?: OutlineItem;
      /** The height of what must follow on the heading's page, when more than three lines (a figure). */
      keepWithNext?: number;
    } = {},
  ): OutlineItem | undefined {
    const size = headingSize[level];
    const style: TextStyle = { font: 'semibold', size, color: level <= 2 ? palette.accent : palette.text };
    const spaceBefore = level === 1 ? 0 : level === 2 ? 6 : level === 3 ? 14 : 10;
    // Keep a heading with at least three lines of what follows it.
    if (this.doc.y > this.page.margins.top) this.moveDown(spaceBefore);
    const layout = this.layout(text, this.width, style);
    this.keepTogether(layout.height + Math.max(3 * (sizes.body + lineGap), options.keepWithNext ?? 0) + 8);
    let bookmark: OutlineItem | undefined;
    if (options.toc) {
      const destination = `section-${++this.destinations}`;
      this.doc.addNamedDestination(
        destination,
        'XYZ',
        this.left,
        this.page.height - this.doc.y,
        null as unknown as number,
      );
      this.tocEntries.push({ level: options.toc, title: text, destination, pageIndex: this.pageIndex });
      const outline = (options.bookmarkParent ?? (this.doc.outline as unknown as OutlineItem)) as OutlineItem;
      // PDFKit writes an item's destination as (page width - left, page height - top).
      bookmark = outline.addItem(text, {
        expanded: true,
        left: this.page.width - this.left,
        top: Math.max(0, this.doc.y - 4),
      });
    }
    this.tagged(`H${Math.max(1, level - this.headingShift)}`, (element) => {
      this.doc.y = this.drawTagged(element, text, this.left, this.doc.y, this.width, style, { layout });
    });
    this.moveDown(level <= 2 ? 8 : 4);
    return bookmark;
  }

  /** Paragraphs of text as typed: a blank line starts a new paragraph, a single line break is kept. */
  paragraphs(text: string, style: TextStyle = {}): void {
    for (const paragraph of text
      .split(/\n[ \t]*\n+/)
      .map((p) => p.replace(/\s+$/, ''))
      .filter((p) => p.trim() !== '')) {
      this.paragraph(paragraph, style);
    }
  }

  paragraph(
    text: string | Span[],
    style: TextStyle = {},
    options: { indent?: number; spaceAfter?: number; type?: string } = {},
  ): void {
    const indent = options.indent ?? 0;
    this.tagged(options.type ?? 'P', (element) => {
      this.doc.y = this.drawTagged(element, text, this.left + indent, this.doc.y, this.width - indent, style);
    });
    this.moveDown(options.spaceAfter ?? 6);
  }

  /**
   * A label in semibold that introduces what follows ("Review decisions"), on the page of its first `next` points:
   * as a heading is, never left alone at the foot of a page.
   */
  private lead(text: string, next: number): void {
    const style: TextStyle = { font: 'semibold' };
    this.keepTogether(this.layout(text, this.width, style).height + 2 + next);
    this.paragraph(text, style, { spaceAfter: 2 });
  }

  /** A paragraph that starts with a label in semibold, such as "School year: 2026-27". */
  labelledParagraph(label: string, value: string, style: TextStyle = {}): void {
    this.paragraph(
      [
        { text: `${label}: `, font: 'semibold' },
        { text: value, font: style.font ?? 'regular' },
      ],
      style,
      { spaceAfter: 4 },
    );
  }

  /**
   * A list; each item is a LI with its marker as the label (Lbl) and its text as the body: a bullet,
   * or with `numbered`, its number (never both). With `lead`, a label before it (see lead), kept with its first item.
   */
  list(items: string[], style: TextStyle = {}, options: { numbered?: boolean; lead?: string } = {}): void {
    const indent = options.numbered ? 20 : 14;
    const layouts = items.map((item) => this.layout(item, this.width - indent, style));
    // An item's first three lines at least on its page.
    const start = (i: number) => Math.min(layouts[i]!.height, 3 * (sizes.body + lineGap));
    if (options.lead !== undefined) this.lead(options.lead, items.length > 0 ? start(0) : 0);
    this.group('L', () => {
      items.forEach((item, i) => {
        const layout = layouts[i]!;
        this.keepTogether(start(i));
        const top = this.doc.y;
        let bottom = top;
        this.group('LI', () => {
          this.tagged('Lbl', (element) => {
            const marker = options.numbered ? `${i + 1}.` : '•';
            this.drawTagged(
              element,
              marker,
              this.left + 2,
              top,
              indent,
              { ...style, color: palette.accent },
              { flow: false },
            );
          });
          this.tagged('LBody', (element) => {
            bottom = this.drawTagged(element, item, this.left + indent, top, this.width - indent, style, { layout });
          });
        });
        this.doc.y = bottom;
        this.moveDown(3);
      });
    });
    this.moveDown(4);
  }

  /**
   * A table with a header row of TH cells (repeated as an artifact at the top of each later page),
   * rows kept on one page when they fit one, and full-width notes that may run on. Every cell is
   * measured in the font it is drawn in (a row's first cell, its header, in semibold).
   */
  table(spec: TableSpec): void {
    const fixed = spec.columns.reduce((sum, c) => sum + (c.width === 'rest' ? 0 : c.width), 0);
    const widths = spec.columns.map((c) => (c.width === 'rest' ? this.width - fixed : c.width));
    const xs = widths.map((_, i) => this.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
    const headerStyle: TextStyle = { font: 'semibold', size: sizes.small };
    const cellStyle: TextStyle = { size: sizes.small + 0.5 };
    const rowHeaderStyle: TextStyle = { ...cellStyle, font: 'semibold' };
    const textWidth = (i: number) => widths[i]! - 2 * cellPadding.x;
    const styleOf = (i: number) => (spec.rowHeaders && i === 0 ? rowHeaderStyle : cellStyle);
    const headerLayouts = spec.columns.map((c, i) => this.layout(c.header, textWidth(i), headerStyle));
    const headerHeight = Math.max(...headerLayouts.map((l) => l.height)) + 2 * cellPadding.y;

    const drawHeaderFill = (top: number) =>
      this.artifact(() => {
        this.doc.save().rect(this.left, top, this.width, headerHeight).fill(palette.headerFill).restore();
      });
    const drawRule = (y: number) =>
      this.artifact(() => {
        this.doc
          .save()
          .moveTo(this.left, y)
          .lineTo(this.left + this.width, y)
          .lineWidth(0.6)
          .strokeColor(palette.rule)
          .stroke()
          .restore();
      });
    /** Later pages repeat the header for sighted readers; the structure has it once. */
    const repeatHeader = () => {
      const top = this.doc.y;
      drawHeaderFill(top);
      this.artifact(() =>
        spec.columns.forEach((c, i) =>
          this.drawPlain(c.header, xs[i]! + cellPadding.x, top + cellPadding.y, textWidth(i), headerStyle),
        ),
      );
      this.doc.y = top + headerHeight;
      drawRule(this.doc.y);
    };
    const rowLayouts = (cells: string[]) => cells.map((text, i) => this.layout(text, textWidth(i), styleOf(i)));
    const firstRow = spec.rows[0];
    const firstLayouts = firstRow && 'cells' in firstRow ? rowLayouts(firstRow.cells) : undefined;
    const start =
      headerHeight + (firstLayouts ? Math.max(...firstLayouts.map((l) => l.height)) + 2 * cellPadding.y : 40);
    if (spec.lead !== undefined) this.lead(spec.lead, start);
    this.keepTogether(start);
    this.group('Table', () => {
      this.group('THead', () => {
        const top = this.doc.y;
        drawHeaderFill(top);
        this.group('TR', () => {
          spec.columns.forEach((column, i) => {
            this.tagged(
              'TH',
              (element) =>
                this.drawTagged(
                  element,
                  column.header,
                  xs[i]! + cellPadding.x,
                  top + cellPadding.y,
                  textWidth(i),
                  headerStyle,
                  {
                    layout: headerLayouts[i],
                    flow: false,
                  },
                ),
              { O: 'Table', Scope: 'Column' },
            );
          });
        });
        this.doc.y = top + headerHeight;
        drawRule(this.doc.y);
      });
      this.group('TBody', () => {
        spec.rows.forEach((row, index) => {
          if ('note' in row) {
            // At least two lines on this page, then the text flows on as long as it needs.
            if (this.doc.y + 2 * (sizes.small + lineGap) + 2 * cellPadding.y > this.page.maxY()) {
              this.newPage();
              repeatHeader();
            }
            this.group('TR', () => {
              this.tagged(
                'TD',
                (element) => {
                  this.doc.y = this.drawTagged(
                    element,
                    row.note,
                    this.left + cellPadding.x,
                    this.doc.y + 1,
                    this.width - 2 * cellPadding.x,
                    cellStyle,
                  );
                },
                { O: 'Table', ColSpan: spec.columns.length },
              );
            });
            this.doc.y += cellPadding.y;
          } else {
            const layouts = index === 0 && firstLayouts ? firstLayouts : rowLayouts(row.cells);
            const height = Math.max(...layouts.map((l) => l.height)) + 2 * cellPadding.y;
            const room = this.page.maxY() - this.page.margins.top - headerHeight;
            if (
              this.doc.y + height > this.page.maxY() &&
              (height <= room || this.doc.y > this.page.margins.top + headerHeight + 60)
            ) {
              this.newPage();
              repeatHeader();
            }
            const top = this.doc.y;
            const startPage = this.currentPage();
            let end = { pageIndex: startPage, y: top + height };
            this.group('TR', () => {
              row.cells.forEach((text, i) => {
                const header = spec.rowHeaders && i === 0;
                this.tagged(
                  header ? 'TH' : 'TD',
                  (element) => {
                    this.goToPage(startPage);
                    // A row taller than a page runs on, each cell down its own column.
                    const bottom = this.drawTagged(
                      element,
                      text,
                      xs[i]! + cellPadding.x,
                      top + cellPadding.y,
                      textWidth(i),
                      styleOf(i),
                      {
                        layout: layouts[i],
                      },
                    );
                    const pageIndex = this.currentPage();
                    if (pageIndex > end.pageIndex || (pageIndex === end.pageIndex && bottom + cellPadding.y > end.y)) {
                      end = { pageIndex, y: bottom + cellPadding.y };
                    }
                  },
                  header ? { O: 'Table', Scope: 'Row' } : undefined,
                );
              });
            });
            this.goToPage(end.pageIndex);
            this.doc.y = end.y;
          }
          const next = spec.rows[index + 1];
          // An action's notes stay visually with it: no rule between a row and its note.
          if (!(next && 'note' in next)) drawRule(this.doc.y);
        });
      });
    });
    this.doc.x = this.left;
    this.moveDown(10);
  }

  /**
   * A figure: vector graphics drawn by `draw` inside a Figure element whose alternative text says what
   * it shows, with its bounding box (PDF/UA asks both of a figure).
   */
  figure(
    alt: string,
    height: number,
    draw: (box: { x: number; y: number; width: number; height: number }) => void,
  ): void {
    this.keepTogether(height);
    const box = { x: this.left, y: this.doc.y, width: this.width, height };
    const element = this.doc.struct('Figure', { alt });
    (element as unknown as StructInternals).dictionary.data.A = {
      O: 'Layout',
      Placement: 'Block',
      BBox: [box.x, this.page.height - box.y - box.height, box.x + box.width, this.page.height - box.y],
    };
    this.parent.add(element);
    element.add(() => draw(box));
    element.end();
    this.doc.y = box.y + height;
    this.moveDown(8);
  }

  /**
   * Fills the contents on the page reserved for it, once every heading knows its page: a heading, then
   * a TOC whose entries (TOCI) each hold a Link to the heading, with its page number.
   */
  fillContents(section: StructElement, pageIndex: number, title: string): void {
    const previous = this.pageIndex;
    this.doc.switchToPage(pageIndex);
    this.doc.y = this.page.margins.top;
    this.parents.push(section);
    try {
      this.heading(2, title);
      const toc = this.doc.struct('TOC');
      section.add(toc);
      const lineHeight = 22;
      const room = Math.floor((this.page.maxY() - this.doc.y) / lineHeight);
      // Should sections ever outgrow one page of contents, the contents lists the top level only.
      const entries = this.tocEntries.length <= room ? this.tocEntries : this.tocEntries.filter((e) => e.level === 1);
      for (const entry of entries.slice(0, room)) {
        const indent = entry.level === 1 ? 0 : 18;
        const style: TextStyle = entry.level === 1 ? { font: 'semibold', size: 11.5 } : { size: 10.5 };
        const top = this.doc.y;
        const pageLabel = String(entry.pageIndex + 1);
        const title = this.fitLine(entry.title, this.width - indent - 60, style);
        const titleLayout = this.layout(title, this.width - indent - 60, style);
        const toci = this.doc.struct('TOCI');
        toc.add(toci);
        const link = this.doc.struct('Link');
        toci.add(link);
        this.drawTagged(link, title, this.left + indent, top, this.width - indent - 60, style, {
          layout: titleLayout,
          flow: false,
        });
        this.doc.goTo(this.left + indent, top, this.width - indent, lineHeight - 6, entry.destination, {
          structParent: link,
          Contents: new String(`${entry.title}, page ${pageLabel}`),
        } as unknown as PDFKit.Mixins.AnnotationOption);
        link.end();
        // The page number apart from the title, so that it is read as a number of its own.
        const pageNumber = this.doc.struct('NonStruct');
        toci.add(pageNumber);
        const numberWidth = this.layout(pageLabel, 100, style).lines[0]!.width;
        this.drawTagged(pageNumber, pageLabel, this.left + this.width - numberWidth, top, numberWidth + 1, style, {
          flow: false,
        });
        pageNumber.end();
        toci.end();
        // Dot leaders guide the eye from the title to its page number; they are not content.
        const leaderStart = this.left + indent + (titleLayout.lines[0]?.width ?? 0) + 6;
        const leaderEnd = this.left + this.width - numberWidth - 6;
        if (leaderEnd > leaderStart) {
          const baseline = top + style.size! * 0.8;
          this.artifact(() => {
            this.doc
              .save()
              .moveTo(leaderStart, baseline)
              .lineTo(leaderEnd, baseline)
              .dash(1, { space: 3 })
              .lineWidth(0.8)
              .strokeColor(palette.rule)
              .stroke()
              .restore();
          });
        }
        this.doc.y = top + lineHeight;
      }
      toc.end();
    } finally {
      this.parents.pop();
      section.end();
      this.doc.switchToPage(previous);
    }
  }

  /** Footer on every page from `first`: the document's title and "Page n of N", as pagination artifacts. */
  addFooters(left: string, first = 1): void {
    const { count } = this.doc.bufferedPageRange();
    const style: TextStyle = { size: sizes.small, color: palette.muted };
    for (let i = first; i < count; i++) {
      this.doc.switchToPage(i);
      const y = this.page.height - 46;
      const pageLabel = `Page ${i + 1} of ${count}`;
      const labelWidth = this.layout(pageLabel, 200, style).lines[0]!.width;
      this.artifact(() => {
        this.doc
          .save()
          .moveTo(this.left, y - 8)
          .lineTo(this.left + this.width, y - 8)
          .lineWidth(0.6)
          .strokeColor(palette.rule)
          .stroke()
          .restore();
        const room = this.width - labelWidth - 24;
        this.drawPlain(this.fitLine(left, room, style), this.left, y, room, style);
        this.drawPlain(pageLabel, this.left + this.width - labelWidth, y, labelWidth + 1, style);
      }, 'Pagination');
    }
  }

  /** Ends the structure and the document; resolves with the file. */
  finish(): Promise<Buffer> {
    const early: Uint8Array[] = [];
    const done = new Promise<Buffer>((resolve, reject) => {
      // What PDFKit wrote before the blocks were set up (the header), then the blocks.
      this.doc.on('data', (chunk: Uint8Array) => early.push(chunk));
      this.doc.on('end', () => {
        this.flushBlock();
        resolve(Buffer.concat([...early, ...this.blocks]));
      });
      this.doc.on('error', reject);
    });
    this.root.end();
    this.doc.end();
    return done;
  }

  private readonly blocks: Uint8Array[] = [];
  private pendingBlock = '';

  private flushBlock(): void {
    if (this.pendingBlock === '') return;
    this.blocks.push(Buffer.from(this.pendingBlock, 'latin1'));
    this.pendingBlock = '';
  }

  /**
   * PDFKit hands every object it writes to its stream in pieces (an object's number, its dictionary,
   * its stream ...): they are gathered here instead, as text until some bytes come, in blocks.
   */
  private writeInBlocks(): void {
    const internals = this.doc as unknown as WriterInternals;
    internals._write = (data) => {
      if (data instanceof Uint8Array) {
        this.flushBlock();
        this.blocks.push(data);
        internals._offset += data.length;
      } else {
        const text = `${data}\n`;
        this.pendingBlock += text;
        internals._offset += text.length;
        if (this.pendingBlock.length > blockSize) this.flushBlock();
      }
    };
  }
}

/** PDFKit's document and its stream objects, as far as `writeInChunks` and `finish` use them. */
interface StreamRef {
  write(chunk: string | Uint8Array): void;
  finalize(): void;
  end(): void;
  buffer: unknown[];
  /** Whether PDFKit compresses the stream as it ends (it has set its /Filter already). */
  compress: boolean;
  /** Set by `writeInChunks`: moves the operators gathered as text into the stream's buffer. */
  flushPending?: () => void;
}
interface PageInternals {
  content: StreamRef;
  dictionary: { data: { Contents: StreamRef | StreamRef[] } };
}
interface WriterInternals {
  page: PageInternals | undefined;
  ref(): StreamRef;
  _write(data: string | Uint8Array): void;
  _offset: number;
}

const blockSize = 1 << 12;
/**
 * zlib's level for the pages' content. Level 2 compresses a page's operators about 6.4 times, zlib's
 * default (6) 8.2 times; deflating the worst plan's 62 MiB of operators took 0.28-0.40 s at 2 against
 * 0.54-0.57 s at 6, and its file grew from 31.7 to 32.6 MiB.
 */
const contentLevel = 2;

/**
 * PDFKit keeps each operator written to a page as a byte array of its own until the page ends, which
 * with every page held for the footers is millions of small objects for the collector to trace: the
 * current page's operators are gathered as text and kept as one array per 64 KiB.
 */
function writeInChunks(doc: PDFKit.PDFDocument, content = (doc as unknown as WriterInternals).page?.content): void {
  if (!content) return;
  const write = content.write.bind(content);
  const finalize = content.finalize.bind(content);
  let pending = '';
  const flush = () => {
    if (pending === '') return;
    write(Buffer.from(pending, 'latin1'));
    pending = '';
  };
  content.write = (chunk) => {
    if (chunk instanceof Uint8Array) {
      flush();
      write(chunk);
    } else {
      pending += `${chunk}\n`;
      if (pending.length > blockSize) flush();
    }
  };
  content.finalize = () => {
    // A stream that nothing was drawn into after its page was left is still a stream.
    if (pending === '' && content.buffer.length === 0) pending = ' ';
    flush();
    if (content.compress) {
      // Compressed here rather than by PDFKit, at a faster level than zlib's default (PDFKit names none).
      content.buffer = [deflateSync(Buffer.concat(content.buffer as Uint8Array[]), { level: contentLevel })];
      content.compress = false;
    }
    finalize();
  };
  content.flushPending = flush;
}

/**
 * Every page stays open to the end (the footers say "Page n of N"; the contents, on page 2, are written
 * last; a tall table row goes back to its first page for its next cell), but what is drawn on a page
 * need not wait uncompressed: when the layout leaves a page, its operators so far are compressed and
 * written out as one stream, and whatever is drawn on it later goes to a next stream of its /Contents
 * (a page's content streams are read as one).
 */
function retirePagesLeft(doc: PDFKit.PDFDocument): void {
  const internals = doc as unknown as WriterInternals;
  const retire = (page: PageInternals | undefined) => {
    if (!page) return;
    page.content.flushPending?.();
    if (page.content.buffer.length === 0) return;
    page.content.end();
    const next = internals.ref();
    writeInChunks(doc, next);
    const contents = page.dictionary.data.Contents;
    page.dictionary.data.Contents = [...(Array.isArray(contents) ? contents : [contents]), next];
    page.content = next;
  };
  const addPage = doc.addPage.bind(doc);
  doc.addPage = (options) => {
    retire(internals.page);
    return addPage(options);
  };
  const switchToPage = doc.switchToPage.bind(doc);
  doc.switchToPage = (n) => {
    const left = internals.page;
    const page = switchToPage(n);
    if (left !== internals.page) retire(left);
    return page;
  };
}

const xmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const escapeXml = (value: unknown) =>
  typeof value === 'string' ? value.replace(/[&<>"']/g, (c) => xmlEscapes[c]!) : value;

/**
 * The XMP metadata: with the PDF/UA-1 identifier (`pdfuaid:part` 1; PDFKit's own `subset: 'PDF/UA'`
 * would also write a font table that leaves out glyphs used inside accented letters). PDFKit copies
 * the title and author into it without escaping them, so a plan called "Reading & writing" would make
 * it malformed XML: the Info dictionary (written first) keeps the text as typed; the XMP gets it escaped.
 */
function writeXmpMetadata(doc: PDFKit.PDFDocument): void {
  const endMetadata = doc.endMetadata.bind(doc);
  doc.endMetadata = () => {
    (doc as unknown as { appendXML(xml: string): void }).appendXML(
      '<rdf:Description xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" rdf:about=""><pdfuaid:part>1</pdfuaid:part></rdf:Description>',
    );
    const info = doc.info;
    doc.info = Object.fromEntries(
      Object.entries(info).map(([key, value]) => [key, escapeXml(value)]),
    ) as PDFKit.DocumentInfo;
    try {
      endMetadata();
    } finally {
      doc.info = info;
    }
  };
}

/** The bound on a PDF's size, in pages: past it, the layout stops and the export is refused. */
export const maxPages = 3000;

export class PdfTooLargeError extends Error {
  constructor(readonly pages: number) {
    super(`The document would be longer than ${pages} pages`);
    this.name = 'PdfTooLargeError';
  }
}
