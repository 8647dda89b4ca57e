/**
 * SVG graphics in a pack are pictures, never programs. resvg ignores scripts,
 * but the editor's preview shows the same SVG in a browser, and a pack travels
 * between offices, so anything that runs, fetches or expands is refused:
 * <script>, on* handlers, javascript: URLs, <foreignObject>, external or file:
 * references (only #fragments and embedded data:image pictures are allowed),
 * DOCTYPE/ENTITY (XXE, billion laughs), @import and url() to the outside, and
 * SMIL animation (KlipKota animates overlays itself).
 */
import { badInput, type KlipError } from '../../../core/errors.js';
import { mib, type PackLimits } from './limits.js';
import { checkSvgCost, createSvgBudget } from './svg-budget.js';

type SvgBudget = ReturnType<typeof createSvgBudget>;

type Text = { id: string; en: string };

function svgProblem(options: { code: string; file: string; what: Text; fix: Text }): KlipError {
  return badInput(
    options.code,
    {
      id: `Paket ditolak: grafis "${options.file}" ${options.what.id}. ${options.fix.id}`,
      en: `Pack refused: graphic "${options.file}" ${options.what.en}. ${options.fix.en}`,
    },
    options.file,
  );
}

const RESAVE: Text = {
  id: 'Simpan ulang grafis sebagai "Plain SVG" (Inkscape) atau "SVG 1.1" tanpa skrip, lalu ekspor ulang paket.',
  en: 'Save the graphic again as "Plain SVG" (Inkscape) or "SVG 1.1" without scripts, then export the pack again.',
};

const BANNED_ELEMENTS: Record<string, string> = {
  script: 'pack-svg-script',
  foreignobject: 'pack-svg-foreign-object',
  iframe: 'pack-svg-element',
  embed: 'pack-svg-element',
  object: 'pack-svg-element',
  handler: 'pack-svg-script',
  listener: 'pack-svg-script',
  animate: 'pack-svg-animation',
  animatemotion: 'pack-svg-animation',
  animatetransform: 'pack-svg-animation',
  animatecolor: 'pack-svg-animation',
  set: 'pack-svg-animation',
  discard: 'pack-svg-animation',
};

const SAFE_DATA = /^data:image\/(png|jpeg|jpg|webp);base64,/i;
const PREDEFINED_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

const ATTRIBUTE = /([^\s=/>]+)\s*(=\s*("([^"]*)"|'([^']*)'|([^\s>]+)))?/y;

interface Tag {
  name: string;
  attributes: Array<{ name: string; value: string }>;
}

function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1).toLowerCase();
}

/** A small, strict scanner: tags with their attributes; comments, PIs and CDATA skipped. */
function scanTags(text: string, file: string): Tag[] {
  const tags: Tag[] = [];
  let at = 0;
  const invalid = (where: number) =>
    svgProblem({
      code: 'pack-svg-invalid',
      file,
      what: { id: `bukan SVG yang valid (rusak di sekitar karakter ${where})`, en: `is not valid SVG (broken near character ${where})` },
      fix: RESAVE,
    });
  while (true) {
    const open = text.indexOf('<', at);
    if (open < 0) break;
    if (text.startsWith('<!--', open)) {
      const end = text.indexOf('-->', open + 4);
      if (end < 0) throw invalid(open);
      at = end + 3;
      continue;
    }
    if (text.startsWith('<![CDATA[', open)) {
      const end = text.indexOf(']]>', open);
      if (end < 0) throw invalid(open);
      at = end + 3;
      continue;
    }
    if (text.startsWith('<?', open)) {
      const end = text.indexOf('?>', open);
      if (end < 0) throw invalid(open);
      at = end + 2;
      continue;
    }
    if (text.startsWith('<!', open)) throw invalid(open); // DOCTYPE/ENTITY are refused earlier
    if (text.startsWith('</', open)) {
      const end = text.indexOf('>', open);
      if (end < 0) throw invalid(open);
      at = end + 1;
      continue;
    }
    const nameMatch = /^<([A-Za-z_][\w:.-]*)/.exec(text.slice(open, open + 200));
    if (!nameMatch) throw invalid(open);
    const tag: Tag = { name: nameMatch[1]!, attributes: [] };
    const names = new Set<string>();
    let i = open + nameMatch[0].length;
    while (true) {
      while (i < text.length && /\s/.test(text[i]!)) i++;
      if (i >= text.length) throw invalid(open);
      if (text[i] === '>') {
        i += 1;
        break;
      }
      if (text.startsWith('/>', i)) {
        i += 2;
        break;
      }
      // sticky, on the whole text: an attribute (an embedded photo) may be megabytes long
      ATTRIBUTE.lastIndex = i;
      const attr = ATTRIBUTE.exec(text);
      if (!attr || attr[0].length === 0) throw invalid(i);
      // XML forbids a repeated attribute; refusing it also bounds later per-tag scans (text fitting)
      if (names.has(attr[1]!)) throw invalid(i);
      names.add(attr[1]!);
      tag.attributes.push({ name: attr[1]!, value: attr[4] ?? attr[5] ?? attr[6] ?? '' });
      i += attr[0].length;
    }
    tags.push(tag);
    at = i;
  }
  return tags;
}

function checkReference(options: { file: string; value: string; where: string; budget: SvgBudget }): void {
  const value = options.value.trim();
  if (value.startsWith('#')) return;
  if (SAFE_DATA.test(value)) {
    options.budget.picture(value);
    return;
  }
  const shown = value.length > 80 ? `${value.slice(0, 77)}...` : value;
  throw svgProblem({
    code: 'pack-svg-external-ref',
    file: options.file,
    what: {
      id: `merujuk ke sesuatu di luar berkas (${options.where} = "${shown}"); hanya rujukan "#id" di dalam berkas dan gambar data:image yang diizinkan`,
      en: `refers to something outside the file (${options.where} = "${shown}"); only "#id" references inside the file and data:image pictures are allowed`,
    },
    fix: {
      id: 'Tanamkan gambar itu ke dalam SVG (embed) atau hapus rujukannya, lalu ekspor ulang paket.',
      en: 'Embed that picture in the SVG or remove the reference, then export the pack again.',
    },
  });
}

/**
 * The targets of every url(...) in the text, in one pass (a regex with `[^)]*`
 * is quadratic on a file full of "url(" without ")": minutes for 2 MB).
 */
export function cssUrls(text: string): string[] {
  const lower = text.toLowerCase();
  const found: string[] = [];
  let at = lower.indexOf('url(');
  // the next ")", '"' and "'" at or after a position, found once and reused while still ahead
  const next: Record<string, number> = { ')': -2, '"': -2, "'": -2 };
  const nextOf = (char: string, from: number) => {
    if (next[char]! !== -1 && next[char]! < from) next[char] = text.indexOf(char, from);
    return next[char]!;
  };
  while (at >= 0) {
    let i = at + 4;
    while (i < text.length && /\s/.test(text[i]!)) i++;
    const quote = text[i];
    const end = quote === '"' || quote === "'" ? nextOf(quote, i + 1) : -1;
    if (end >= 0) {
      found.push(text.slice(i + 1, end));
      at = lower.indexOf('url(', end + 1);
      continue;
    }
    const close = nextOf(')', i);
    if (close < 0) {
      found.push(text.slice(i)); // never closed: still checked, as a browser might read it
      break;
    }
    found.push(text.slice(i, close));
    at = lower.indexOf('url(', close + 1);
  }
  return found;
}

/** The text without comments, in one pass (a lazy regex is quadratic on many unclosed "<!--"). */
function withoutComments(text: string): string {
  let out = '';
  let at = 0;
  for (let open = text.indexOf('<!--'); open >= 0; open = text.indexOf('<!--', at)) {
    const end = text.indexOf('-->', open + 4);
    if (end < 0) break;
    out += text.slice(at, open);
    at = end + 3;
  }
  return out + text.slice(at);
}

/** url(...) and @import anywhere in the text: style elements, style attributes, fill="url(#g)". */
function checkStyles(options: { file: string; text: string; budget: SvgBudget }): void {
  if (/@import/i.test(options.text))
    throw svgProblem({
      code: 'pack-svg-external-ref',
      file: options.file,
      what: { id: 'memuat gaya dari luar (@import)', en: 'loads a style from outside (@import)' },
      fix: { id: 'Hapus @import dan tulis gayanya langsung di SVG, lalu ekspor ulang paket.', en: 'Remove @import and write the style into the SVG, then export the pack again.' },
    });
  for (const value of cssUrls(options.text)) checkReference({ file: options.file, value, where: 'url()', budget: options.budget });
}

export function validateSvg(options: { file: string; bytes: Uint8Array; limits: PackLimits }): void {
  const { file, bytes, limits } = options;
  if (bytes.length > limits.maxSvgBytes)
    throw svgProblem({
      code: 'pack-too-large',
      file,
      what: { id: `berukuran ${mib(bytes.length)} (batas ${mib(limits.maxSvgBytes)})`, en: `is ${mib(bytes.length)} (limit ${mib(limits.maxSvgBytes)})` },
      fix: { id: 'Sederhanakan grafisnya atau perkecil gambar tertanamnya.', en: 'Simplify the graphic or shrink its embedded pictures.' },
    });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw svgProblem({ code: 'pack-svg-invalid', file, what: { id: 'bukan teks UTF-8', en: 'is not UTF-8 text' }, fix: RESAVE });
  }
  if (/<!DOCTYPE|<!ENTITY/i.test(text))
    throw svgProblem({
      code: 'pack-svg-entity',
      file,
      what: { id: 'memuat DOCTYPE/ENTITY (bisa membaca berkas lain atau memperbesar diri tanpa batas)', en: 'contains a DOCTYPE/ENTITY (it can read other files or expand without limit)' },
      fix: RESAVE,
    });
  if (/<\?xml-stylesheet/i.test(text))
    throw svgProblem({
      code: 'pack-svg-external-ref',
      file,
      what: { id: 'memuat lembar gaya dari luar (xml-stylesheet)', en: 'loads an outside style sheet (xml-stylesheet)' },
      fix: RESAVE,
    });
  for (const match of text.matchAll(/&([^\s;&<]*);/g)) {
    const name = match[1]!;
    if (!PREDEFINED_ENTITIES.has(name) && !/^#(\d+|x[0-9a-fA-F]+)$/.test(name))
      throw svgProblem({ code: 'pack-svg-entity', file, what: { id: `memakai entitas "&${name};"`, en: `uses the entity "&${name};"` }, fix: RESAVE });
  }
  const tags = scanTags(text, file);
  const budget = createSvgBudget({ file, limits });
  if (tags.length === 0 || localName(tags[0]!.name) !== 'svg')
    throw svgProblem({ code: 'pack-svg-invalid', file, what: { id: 'tidak diawali elemen <svg>', en: 'does not start with an <svg> element' }, fix: RESAVE });
  for (const tag of tags) {
    const element = localName(tag.name);
    const banned = BANNED_ELEMENTS[element];
    if (banned)
      throw svgProblem({
        code: banned,
        file,
        what: { id: `memuat elemen <${tag.name}> yang tidak diizinkan dalam paket`, en: `contains a <${tag.name}> element, which packs may not use` },
        fix:
          banned === 'pack-svg-animation'
            ? { id: 'Hapus animasinya; KlipKota menganimasikan overlay sendiri (fade, slide) lewat manifest.', en: 'Remove the animation; KlipKota animates overlays itself (fade, slide) through the manifest.' }
            : RESAVE,
      });
    for (const attribute of tag.attributes) {
      const attr = localName(attribute.name);
      if (attr.startsWith('on'))
        throw svgProblem({
          code: 'pack-svg-event-handler',
          file,
          what: { id: `memuat penangan kejadian ${attribute.name}="..." pada <${tag.name}> (menjalankan kode)`, en: `has an event handler ${attribute.name}="..." on <${tag.name}> (it runs code)` },
          fix: RESAVE,
        });
      if (/javascript:|vbscript:/i.test(attribute.value.replace(/[\s\u0000-\u001f]+/g, '')))
        throw svgProblem({
          code: 'pack-svg-script',
          file,
          what: { id: `memuat tautan javascript: pada <${tag.name}>`, en: `has a javascript: link on <${tag.name}>` },
          fix: RESAVE,
        });
      if (attr === 'href' || attr === 'src' || attribute.name.toLowerCase() === 'xml:base')
        checkReference({ file, value: attribute.value, where: `<${tag.name} ${attribute.name}>`, budget });
    }
  }
  checkStyles({ file, text: withoutComments(text), budget });
  checkSvgCost({ file, tags, limits: budget.limits });
}
