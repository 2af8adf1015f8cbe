import { todayIso } from '@planner/shared/format';

/** Letters that Unicode does not decompose into a base letter and a mark. */
const asciiLetters: Record<string, string> = {
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ı: 'i',
  ħ: 'h',
};
const maxPartLength = 60;

const trimDashes = (s: string) => s.replace(/^-+|-+$/g, '');
const cut = (s: string) => trimDashes(Array.from(s).slice(0, maxPartLength).join(''));

/** "Łódź School District" -> "lodz-school-district"; text with no Latin letters falls back to `fallback`. */
export function asciiSlug(text: string, fallback: string): string {
  const ascii = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^ -~]/g, (c) => asciiLetters[c] ?? '-')
    .replace(/[^a-z0-9]+/g, '-');
  return cut(trimDashes(ascii)) || fallback;
}

/** "Łódź School District" -> "łódź-school-district": letters of every script kept, for filename*. */
export function unicodeSlug(text: string, fallback: string): string {
  return (
    cut(
      trimDashes(
        text
          .toLowerCase()
          .normalize('NFC')
          .replace(/[^\p{L}\p{N}]+/gu, '-'),
      ),
    ) || fallback
  );
}

export interface FileNameParts {
  district: string;
  plan: string;
  /** The plan's school year, "2026-27": an archived plan and its copy for the next year may share a title. */
  schoolYear: string;
  /** Only for a one-stage export. */
  stage?: string | undefined;
  /** Only for one role's export: its title. */
  role?: string | undefined;
  /** What the file holds when it is not the plan itself, e.g. "actions". */
  contents?: string | undefined;
  date: Date;
  /** The district's time zone: the date in the name is its calendar day. */
  timeZone: string;
  extension: 'pdf' | 'csv';
}

function fileName(parts: FileNameParts, slug: (text: string, fallback: string) => string): string {
  const day = todayIso(parts.timeZone, parts.date);
  const names = [slug(parts.district, 'district'), slug(parts.plan, 'plan'), slug(parts.schoolYear, 'year')];
  if (parts.stage) names.push(slug(parts.stage, 'stage'));
  if (parts.role !== undefined) names.push(slug(parts.role, 'role'));
  if (parts.contents) names.push(parts.contents);
  return `${[...names, day].join('_')}.${parts.extension}`;
}

/** RFC 5987 value: percent-encoded UTF-8, leaving only attr-chars as they are. */
const encodeRfc5987 = (value: string) =>
  encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * The Content-Disposition of an export: says district, plan, its school year and the date, e.g.
 * `lakeview-school-district_teacher-leadership-plan_2026-27_2026-11-25.pdf`, with an ASCII `filename` for old
 * clients and `filename*` keeping accents and other scripts for the rest (RFC 6266).
 */
export function attachmentHeader(parts: FileNameParts): { header: string; fileName: string } {
  const ascii = fileName(parts, asciiSlug);
  const unicode = fileName(parts, unicodeSlug);
  return { header: `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(unicode)}`, fileName: ascii };
}
