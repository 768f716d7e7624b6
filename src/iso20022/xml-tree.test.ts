import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { Element, Node } from 'libxmljs2';
import { decodeXmlBytes } from './decode.js';
import { fixturesDir, readSampleRows } from './test-support/sources-table.js';
import { parsePart, partText } from './xml-part.js';
import { scanXml } from './xml-scan.js';
import { type XmlElement, textOf } from './xml-tree.js';

/** What the readers see of an element, as a plain value: name, line, attributes, text content, children. */
interface Seen {
  readonly name: string;
  readonly line: number;
  readonly attributes: Record<string, string>;
  readonly text: string;
  readonly children: readonly Seen[];
}

function seenOfTree(element: XmlElement): Seen {
  return { name: element.name, line: element.line, attributes: Object.fromEntries(element.attributes), text: textOf(element), children: element.children.map(seenOfTree) };
}

function seenOfLibxml(element: Element): Seen {
  const attributes: Record<string, string> = {};
  for (const attribute of element.attrs()) {
    const prefix = attribute.namespace()?.prefix();
    attributes[prefix ? `${prefix}:${attribute.name()}` : attribute.name()] = attribute.value();
  }
  const children = element.childNodes().filter((node: Node): node is Element => node.type() === 'element');
  return { name: element.name(), line: element.line(), attributes, text: element.text(), children: children.map(seenOfLibxml) };
}

/** Every part of the file: the scan's tree beside libxml2's, when libxml2 parses the part. */
function compareFile(text: string, where: string): number {
  const scan = scanXml(text);
  if (!scan.ok) return 0;
  let compared = 0;
  for (const span of scan.parts) {
    const parsed = parsePart(partText(text, span));
    if (!parsed.ok) continue;
    assert.deepEqual(seenOfTree(span.root), seenOfLibxml(parsed.doc.root()!), `${where}: ${span.localName} on line ${span.line}`);
    compared += 1;
  }
  return compared;
}

describe("the scan's element tree says what libxml2 says", () => {
  it('on every part of every sample in SOURCES.md: names, lines, attributes, text content', () => {
    let compared = 0;
    for (const row of readSampleRows()) {
      const decoded = decodeXmlBytes(readFileSync(fixturesDir + row.path));
      if (decoded.ok) compared += compareFile(decoded.text, row.path);
    }
    assert.ok(compared > 60, `compared ${compared} parts`);
  });

  it('property: references, CDATA, comments, processing instructions, multi-line tags and attribute whitespace', () => {
    const piece = fc.oneof(
      fc.string({ unit: fc.constantFrom('a', ' ', '\n', '\t', 'é', '字', '😀', '&amp;', '&lt;', '&gt;', '&quot;', '&apos;', '&#65;', '&#x1F600;', '&#xD;', '&#9;', '>') }),
      fc.string({ unit: fc.constantFrom('x', '<', '&', ' ', '\n') }).filter((s) => !s.includes(']]>')).map((s) => `<![CDATA[${s}]]>`),
      fc.constant('<!-- a comment -->'),
      fc.constant('<?note text?>'),
      fc.constantFrom('<Leaf>v</Leaf>', '<Leaf/>', '<Leaf\n  Ccy="EUR"\n>1.00</Leaf>', '<Leaf Ccy="a\tb\nc&#9;d&#xA;e"/>'),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), fc.array(piece, { maxLength: 4 }), (outer, inner) => {
        const xml = `<Envelope xmlns:h="urn:x">\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08" a="1">${outer.join('')}<Body>${inner.join('')}</Body>\n</Document></Envelope>`;
        assert.equal(compareFile(xml, 'generated'), 1, xml);
      }),
      { numRuns: 300 },
    );
  });
});
