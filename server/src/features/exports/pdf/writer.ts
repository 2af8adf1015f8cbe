import PDFDocument from 'pdfkit';
import { fonts, fontStyles, type FontStyle } from './fonts';

type StructElement = PDFKit.PDFStructureElement;

/**
 * The parts of PDFKit's runtime API that its published types do not describe yet: the attribute
 * dictionary of a structure element, outline options, and no default font.
 */
interface StructInternals {
  dictionary: { data: Record<string, unknown> };
}
interface OutlineItem {
  addItem(title: string, options?: { expanded?: boolean }): OutlineItem;
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
}

export interface DocumentMeta {
  title: string;
  author: string;
  subject: string;
  date: Date;
}

const cellPadding = { x: 5, y: 4 };

/**
 * A tagged PDF under construction: every piece of text goes through a method here that wraps it in a
 * structure element (headings, paragraphs, lists, tables, contents), and every decoration (rules,
 * shading, footers) is marked as an artifact, so assistive technology reads the structure tree in order
 * and nothing else. PDFKit cannot nest marked content, so decorations are always drawn outside text.
 */
/**
 * PDFKit wraps a run of characters with no break opportunity in time that grows with the square of its
 * length (20,000 characters without a space took 40 s, blocking the server). A zero-width space every
 * 30 characters of such a run lets the line breaker work as usual; it is invisible and the font has it.
 */
export const breakable = (text: string): string =>
  text.replace(/\S{40,}/gu, (run) => (run.match(/.{1,30}/gu) ?? [run]).join('\u200B'));

export class AccessiblePdf {
  readonly doc: PDFKit.PDFDocument;
  readonly tocEntries: TocEntry[] = [];
  private readonly root: StructElement;
  private readonly parents: StructElement[] = [];
  private destinations = 0;

  constructor(meta: DocumentMeta) {
    this.doc = new PDFDocument({
      size: 'LETTER',
      margins: { top: 64, bottom: 72, left: 64, right: 64 },
      pdfVersion: '1.7',
      tagged: true,
      lang: 'en-US',
      displayTitle: true,
      bufferPages: true,
      // No default font: PDFKit's default, Helvetica, is not embedded; ours are registered below.
      font: null as unknown as string,
      info: {
        Title: meta.title,
        Author: meta.author,
        Subject: meta.subject,
        Creator: 'Teacher-leadership planner',
        CreationDate: meta.date,
      },
    });
    const parsed = fonts();
    // PDFKit takes parsed fontkit fonts; its published types still say file names or buffers.
    for (const style of fontStyles) this.doc.registerFont(style, parsed[style] as unknown as Buffer);
    escapeXmpMetadata(this.doc);
    let pages = 1;
    this.doc.on('pageAdded', () => {
      if (++pages > maxPages) throw new PdfTooLargeError(maxPages);
    });
    this.root = this.doc.struct('Document');
    this.doc.addStructure(this.root);
    this.useStyle({});
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

  private useStyle(style: TextStyle) {
    this.doc
      .font(style.font ?? 'regular')
      .fontSize(style.size ?? sizes.body)
      .fillColor(style.color ?? palette.text);
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

  /** Leaf content: `draw` writes the text of one structure element. */
  private tagged(type: string, draw: () => void, attributes?: Record<string, unknown>): StructElement {
    const element = this.doc.struct(type);
    // Attributes go on before end(), which writes the element out.
    if (attributes) (element as unknown as StructInternals).dictionary.data.A = attributes;
    this.parent.add(element);
    element.add(draw);
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
    this.doc.addPage();
    this.doc.x = this.left;
  }

  /** Starts a new page unless `height` points fit below the current position. */
  keepTogether(height: number): void {
    if (this.doc.y + height > this.page.maxY()) this.newPage();
  }

  moveDown(points: number): void {
    this.doc.y = Math.min(this.doc.y + points, this.page.maxY());
  }

  heightOf(text: string, width: number, style: TextStyle = {}): number {
    this.useStyle(style);
    return this.doc.heightOfString(breakable(text), { width, lineGap });
  }

  /**
   * A heading; with `toc`, it is listed in the contents and bookmarked (under `bookmarkParent`, if
   * given), and the returned outline item can take children.
   */
  heading(
    level: HeadingLevel,
    text: string,
    options: { toc?: 1 | 2; bookmarkParent?: OutlineItem } = {},
  ): OutlineItem | undefined {
    const size = headingSize[level];
    const style: TextStyle = { font: 'semibold', size, color: level <= 2 ? palette.accent : palette.text };
    const spaceBefore = level === 1 ? 0 : level === 2 ? 6 : level === 3 ? 14 : 10;
    // Keep a heading with at least three lines of what follows it.
    if (this.doc.y > this.page.margins.top) this.moveDown(spaceBefore);
    this.keepTogether(this.heightOf(text, this.width, style) + 3 * (sizes.body + lineGap) + 8);
    let bookmark: OutlineItem | undefined;
    if (options.toc) {
      const destination = `section-${++this.destinations}`;
      this.doc.addNamedDestination(destination, 'XYZ', this.left, this.doc.y, null as unknown as number);
      this.tocEntries.push({ level: options.toc, title: text, destination, pageIndex: this.pageIndex });
      const outline = (options.bookmarkParent ?? (this.doc.outline as unknown as OutlineItem)) as OutlineItem;
      bookmark = outline.addItem(text, { expanded: true });
    }
    this.tagged(`H${level}`, () => {
      this.useStyle(style);
      this.doc.text(breakable(text), this.left, this.doc.y, { width: this.width, lineGap });
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

  paragraph(text: string, style: TextStyle = {}, options: { indent?: number; spaceAfter?: number } = {}): void {
    const indent = options.indent ?? 0;
    this.tagged('P', () => {
      this.useStyle(style);
      this.doc.text(breakable(text), this.left + indent, this.doc.y, { width: this.width - indent, lineGap });
    });
    this.moveDown(options.spaceAfter ?? 6);
  }

  /** A paragraph that starts with a label in semibold, such as "School year: 2026-27". */
  labelledParagraph(label: string, value: string, style: TextStyle = {}): void {
    this.tagged('P', () => {
      this.useStyle({ ...style, font: 'semibold' });
      this.doc.text(`${label}: `, this.left, this.doc.y, { width: this.width, lineGap, continued: true });
      this.useStyle(style);
      this.doc.text(breakable(value), { width: this.width, lineGap });
    });
    this.moveDown(4);
  }

  /** A bulleted list; each item is a LI with its bullet as the label (Lbl) and its text as the body. */
  list(items: string[], style: TextStyle = {}): void {
    const indent = 14;
    this.group('L', () => {
      for (const item of items) {
        this.keepTogether(this.heightOf(item, this.width - indent, style));
        const top = this.doc.y;
        this.group('LI', () => {
          this.tagged('Lbl', () => {
            this.useStyle({ ...style, color: palette.accent });
            this.doc.text('•', this.left + 2, top, { width: indent, lineGap, lineBreak: false });
          });
          this.tagged('LBody', () => {
            this.useStyle(style);
            this.doc.text(breakable(item), this.left + indent, top, { width: this.width - indent, lineGap });
          });
        });
        this.moveDown(3);
      }
    });
    this.moveDown(4);
  }

  /**
   * A table with a header row of TH cells (repeated as an artifact at the top of each later page),
   * rows that never split across pages, and full-width notes that may.
   */
  table(spec: TableSpec): void {
    const fixed = spec.columns.reduce((sum, c) => sum + (c.width === 'rest' ? 0 : c.width), 0);
    const widths = spec.columns.map((c) => (c.width === 'rest' ? this.width - fixed : c.width));
    const xs = widths.map((_, i) => this.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
    const headerStyle: TextStyle = { font: 'semibold', size: sizes.small };
    const cellStyle: TextStyle = { size: sizes.small + 0.5 };
    const textWidth = (i: number) => widths[i]! - 2 * cellPadding.x;
    const rowHeight = (cells: string[], style: TextStyle) =>
      Math.max(...cells.map((text, i) => this.heightOf(text, textWidth(i), style))) + 2 * cellPadding.y;
    const headerHeight = rowHeight(
      spec.columns.map((c) => c.header),
      headerStyle,
    );

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
    const drawCellText = (text: string, i: number, top: number, style: TextStyle) => {
      this.useStyle(style);
      this.doc.text(breakable(text), xs[i]! + cellPadding.x, top + cellPadding.y, { width: textWidth(i), lineGap });
    };
    /** Later pages repeat the header for sighted readers; the structure has it once. */
    const repeatHeader = () => {
      const top = this.doc.y;
      drawHeaderFill(top);
      this.artifact(() => spec.columns.forEach((c, i) => drawCellText(c.header, i, top, headerStyle)));
      this.doc.y = top + headerHeight;
      drawRule(this.doc.y);
    };

    this.keepTogether(
      headerHeight + (spec.rows[0] && 'cells' in spec.rows[0] ? rowHeight(spec.rows[0].cells, cellStyle) : 40),
    );
    this.group('Table', () => {
      this.group('THead', () => {
        const top = this.doc.y;
        drawHeaderFill(top);
        this.group('TR', () => {
          spec.columns.forEach((column, i) => {
            this.tagged('TH', () => drawCellText(column.header, i, top, headerStyle), { O: 'Table', Scope: 'Column' });
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
                () => {
                  this.useStyle(cellStyle);
                  this.doc.text(breakable(row.note), this.left + cellPadding.x, this.doc.y + 1, {
                    width: this.width - 2 * cellPadding.x,
                    lineGap,
                  });
                },
                { O: 'Table', ColSpan: spec.columns.length },
              );
            });
            this.doc.y += cellPadding.y;
          } else {
            const height = rowHeight(row.cells, cellStyle);
            if (this.doc.y + height > this.page.maxY()) {
              this.newPage();
              repeatHeader();
            }
            const top = this.doc.y;
            this.group('TR', () => {
              row.cells.forEach((text, i) => {
                const header = spec.rowHeaders && i === 0;
                this.tagged(
                  header ? 'TH' : 'TD',
                  () => drawCellText(text, i, top, header ? { ...cellStyle, font: 'semibold' } : cellStyle),
                  header ? { O: 'Table', Scope: 'Row' } : undefined,
                );
              });
            });
            this.doc.y = top + height;
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
        this.useStyle(style);
        const titleWidth = Math.min(this.doc.widthOfString(entry.title), this.width - indent - 60);
        const toci = this.doc.struct('TOCI');
        toc.add(toci);
        const link = this.doc.struct('Link');
        toci.add(link);
        link.add(() => {
          this.useStyle(style);
          this.doc.text(breakable(entry.title), this.left + indent, top, {
            width: this.width - indent - 60,
            ellipsis: true,
            height: lineHeight - 6,
          });
        });
        this.doc.goTo(this.left + indent, top, this.width - indent, lineHeight - 6, entry.destination, {
          structParent: link,
          Contents: new String(`${entry.title}, page ${pageLabel}`),
        } as unknown as PDFKit.Mixins.AnnotationOption);
        link.end();
        // The page number apart from the title, so that it is read as a number of its own.
        const pageNumber = this.doc.struct('NonStruct');
        toci.add(pageNumber);
        pageNumber.add(() => {
          this.useStyle(style);
          this.doc.text(pageLabel, this.left, top, { width: this.width, align: 'right', lineGap, lineBreak: false });
        });
        pageNumber.end();
        toci.end();
        // Dot leaders guide the eye from the title to its page number; they are not content.
        const leaderStart = this.left + indent + titleWidth + 6;
        const leaderEnd = this.left + this.width - this.doc.widthOfString(pageLabel) - 6;
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

  /** Footer on every page after the cover: the document's title and "Page n of N", as pagination artifacts. */
  addFooters(left: string): void {
    const { count } = this.doc.bufferedPageRange();
    for (let i = 1; i < count; i++) {
      this.doc.switchToPage(i);
      const bottom = this.page.margins.bottom;
      // Text below the bottom margin would otherwise start a new page.
      this.page.margins.bottom = 0;
      const y = this.page.height - 46;
      this.artifact(() => {
        this.doc
          .save()
          .moveTo(this.left, y - 8)
          .lineTo(this.left + this.width, y - 8)
          .lineWidth(0.6)
          .strokeColor(palette.rule)
          .stroke()
          .restore();
        this.useStyle({ size: sizes.small, color: palette.muted });
        const pageLabel = `Page ${i + 1} of ${count}`;
        const labelWidth = this.doc.widthOfString(pageLabel);
        this.doc.text(left, this.left, y, {
          width: this.width - labelWidth - 24,
          ellipsis: true,
          height: sizes.small * 1.4,
        });
        this.doc.text(pageLabel, this.left, y, { width: this.width, align: 'right', lineBreak: false });
      }, 'Pagination');
      this.page.margins.bottom = bottom;
    }
  }

  /** Ends the structure and the document; resolves with the file. */
  finish(): Promise<Buffer> {
    const chunks: Buffer[] = [];
    const done = new Promise<Buffer>((resolve, reject) => {
      this.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
    });
    this.root.end();
    this.doc.end();
    return done;
  }
}

const xmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const escapeXml = (value: unknown) =>
  typeof value === 'string' ? value.replace(/[&<>"']/g, (c) => xmlEscapes[c]!) : value;

/**
 * PDFKit copies the title and author into the XMP metadata without escaping them, so a plan called
 * "Reading & writing" would make the metadata malformed XML. The Info dictionary (written first)
 * keeps the text as typed; the XMP gets it escaped.
 */
function escapeXmpMetadata(doc: PDFKit.PDFDocument): void {
  const endMetadata = doc.endMetadata.bind(doc);
  doc.endMetadata = () => {
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
