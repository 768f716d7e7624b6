import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import libxml from 'libxmljs2';
import type { Element } from 'libxmljs2';
import fc from 'fast-check';
import { element, escapeAttribute, escapeText, leaf, renderXml } from './xml.js';
import { IsoBuildError } from './errors.js';
import { textProblem } from './fields.js';

describe('the escaping XML writer', () => {
  it('escapes the markup characters in text and attributes', () => {
    assert.equal(escapeText('a<b & c>d ]]>'), 'a&lt;b &amp; c&gt;d ]]&gt;');
    assert.equal(escapeAttribute(`"x" 'y' <&>`), '&quot;x&quot; &apos;y&apos; &lt;&amp;&gt;');
  });

  it('property: any XML-legal text comes back from libxml2 exactly, CR and tabs included', () => {
    const legal = fc.string({ unit: 'binary', maxLength: 40 }).map((s) => s.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, ''));
    fc.assert(
      fc.property(legal, legal, (text, attribute) => {
        const doc = libxml.parseXml(renderXml(element('R', [leaf('T', text, { a: attribute })])));
        const t = doc.get<Element>('/R/T');
        assert.ok(t);
        assert.equal(t.text(), text);
        assert.equal(t.attr('a')?.value(), attribute);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses characters XML 1.0 cannot carry and names that are not XML names', () => {
    assert.throws(() => leaf('Nm', 'a\u0000b'), IsoBuildError);
    assert.throws(() => leaf('Nm', '\uD800'), IsoBuildError);
    assert.throws(() => element('a b', []), IsoBuildError);
  });

  it('counts characters as the XSD does (code points), not UTF-16 units', () => {
    assert.equal(textProblem('🙂'.repeat(35), 35), null);
    assert.match(textProblem('🙂'.repeat(36), 35) ?? '', /36 characters/);
    assert.match(textProblem(' padded', 35) ?? '', /whitespace/);
  });
});
