// The expectation diff of the skill page (src/core/text): stems, sentences, and what the next
// level's text adds to the current one.
import * as assert from 'node:assert/strict';
import { expectationDiff, sentences, stem } from '../../src/core/text/expectationDiff';
import { STOPWORDS } from '../../src/core/text/stopwords';
import { bundledIndex } from './helpers';
import type { CatalogIndex } from '../../src/core/catalog/catalogIndex';

describe('expectation diff (core/text)', () => {
  let index: CatalogIndex;
  beforeEach(() => {
    index = bundledIndex();
  });

  it('stems inflections to one form, and leaves short words, numbers and symbols alone', () => {
    assert.equal(stem('trains'), stem('training'));
    assert.equal(stem('trained'), stem('trains'));
    assert.equal(stem('optimization'), stem('optimizations'));
    assert.equal(stem("model's"), stem('model'));
    assert.equal(stem('GPU'), 'gpu');
    assert.equal(stem('k8s'), 'k8s');
    assert.equal(stem('nn.Module'), 'nn.module');
  });

  it('ignores function words and generic verbs, and finds a new phrase as one term', () => {
    assert.ok(STOPWORDS.has('the') && STOPWORDS.has('using') && !STOPWORDS.has('scheduler'));
    const d = expectationDiff('Trains models in PyTorch.', 'Trains models in PyTorch with early stopping and a learning-rate scheduler.');
    assert.deepEqual(d.newTerms, ['early stopping', 'learning-rate scheduler']);
    assert.equal(d.points.length, 1);
    assert.equal(d.points[0]?.covered, false);
    assert.deepEqual(
      d.points[0]?.segments.filter((s) => s.added).map((s) => s.text),
      ['early stopping', 'learning-rate scheduler'],
    );
  });

  it('a sentence whose content words all appear already is covered; numbers are never news', () => {
    const d = expectationDiff('Tunes the learning rate of models.', 'Tunes models. Tunes the rate of 3 models.');
    assert.deepEqual(d.newTerms, []);
    assert.deepEqual(d.points.map((p) => [p.text, p.covered]), [['Tunes models.', true], ['Tunes the rate of 3 models.', true]]);
  });

  it('every point keeps the sentence text exactly, and a repeated text adds nothing', () => {
    for (const s of index.skills) {
      for (const e of s.expectations) {
        const next = index.nextLevel(e.level);
        const n = next ? index.expectation(s.id, e.role, next.id) : undefined;
        if (!n) continue;
        const d = expectationDiff(e.text, n.text);
        for (const p of d.points) assert.equal(p.segments.map((x) => x.text).join(''), p.text);
        assert.equal(d.points.map((p) => p.text).join(' '), n.text.replace(/\s+/g, ' ').trim());
      }
    }
    const same = expectationDiff('Builds custom models. Trains them.', 'Builds custom models. Trains them.');
    assert.deepEqual(same.newTerms, []);
    assert.deepEqual(same.points.map((p) => [p.text, p.covered]), [['Builds custom models.', true], ['Trains them.', true]]);
  });

  it('splits expectations into sentences without breaking nn.Module or MLflow/W&B', () => {
    assert.deepEqual(sentences('Trains networks built with nn.Module. Records runs in MLflow/W&B.'), ['Trains networks built with nn.Module.', 'Records runs in MLflow/W&B.']);
    const d = expectationDiff('Uses nn.Module.', 'Uses nn.Module and records runs in MLflow/W&B.');
    assert.ok(d.newTerms.includes('MLflow/W&B'), JSON.stringify(d.newTerms));
    assert.ok(!d.newTerms.some((t) => t.includes('nn.Module')));
  });
});
