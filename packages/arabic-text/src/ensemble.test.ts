import { describe, it, expect } from 'vitest';
import { blendMemberLogits } from './ensemble.ts';
import { extractBlocks, extractFeatures, vectorizeBlocks, type FeatureConfig } from './features.ts';

const close = (a: ArrayLike<number>, b: number[]) => b.forEach((v, i) => expect(a[i]).toBeCloseTo(v, 9));

describe('blendMemberLogits', () => {
  it('averages calibrated probabilities by share', () => {
    // softmax(ln3, 0, 0) = 3/5, 1/5, 1/5; softmax(0, 0, 0) = 1/3 each; half of each.
    close(blendMemberLogits([[Math.log(3), 0, 0], [0, 0, 0]], [{ temperature: 1, weight: 0.5 }, { temperature: 1, weight: 0.5 }], [0, 0, 0]), [7 / 15, 4 / 15, 4 / 15]);
  });
  it('divides logits by the temperature', () => {
    // (2·ln3)/2 = ln3, so the same 3/5, 1/5, 1/5.
    close(blendMemberLogits([[2 * Math.log(3), 0, 0]], [{ temperature: 2, weight: 1 }], [0, 0, 0]), [0.6, 0.2, 0.2]);
  });
  it('applies class offsets as log factors and renormalizes', () => {
    // uniform 1/3 each, first class ×2 → 2/4, 1/4, 1/4.
    close(blendMemberLogits([[0, 0, 0]], [{ temperature: 1, weight: 1 }], [Math.log(2), 0, 0]), [0.5, 0.25, 0.25]);
  });
});

describe('shared feature extraction', () => {
  const shared = { buckets: 2 ** 12, negationScope: 2, charMaxN: 5 };
  const union: FeatureConfig = { ...shared, wordWeight: 1, charWeight: 1, lexiconWeight: 1, styleWeight: 1 };
  const charOnly: FeatureConfig = { ...shared, wordWeight: 0, charWeight: 1, lexiconWeight: 0, styleWeight: 0 };
  const wordOnly: FeatureConfig = { ...shared, wordWeight: 1, charWeight: 0, lexiconWeight: 1, styleWeight: 0.3 };
  it('gives each member the vector it would get from its own extraction', () => {
    for (const text of ['الموظف ما كان متعاون 😡', 'خدمة ممتازة!! شكرا', 'كيف أحجز موعد؟']) {
      const blocks = extractBlocks(text, union);
      for (const config of [charOnly, wordOnly]) expect(vectorizeBlocks(blocks, config)).toEqual(extractFeatures(text, config));
    }
  });
  it('computes no word or lexicon features for a char-only config', () => {
    const blocks = extractBlocks('ممتاز جدا', charOnly);
    expect(blocks.word.buckets.length).toBe(0);
    expect(blocks.lexicon.buckets.length).toBe(0);
    expect(blocks.char.buckets.length).toBeGreaterThan(0);
  });
});
