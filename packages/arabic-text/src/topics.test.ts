import { describe, it, expect } from 'vitest';
import { classifyTopics, discoverTopics, DEFAULT_TOPICS, type Topic } from './topics.ts';

describe('classifyTopics', () => {
  it('tags every topic a comment mentions', () => {
    expect(classifyTopics('انتظرت ساعتين والموظف أسلوبه سيء')).toEqual(['waiting_time', 'staff_behaviour']);
    expect(classifyTopics('الموقع ما يفتح ودفعت الرسوم مرتين')).toEqual(['digital_systems', 'fees']);
    expect(classifyTopics('اتصلت على خدمة العملاء وما احد رد')).toEqual(['communication_followup']);
  });
  it('matches inflections through normalization and stemming', () => {
    // "المواعيد" → "مواعيد"; "بالتطبيقات" → "تطبيق"; "الموظفين" → "موظف".
    expect(classifyTopics('المواعيد بعيدة')).toContain('appointments');
    expect(classifyTopics('مشاكل بالتطبيقات')).toContain('digital_systems');
    expect(classifyTopics('الموظفين متعاونين')).toContain('staff_behaviour');
    // Hamza and taa marbuta variants.
    expect(classifyTopics('الإجراءات معقدة')).toContain('documents_procedures');
  });
  it('returns nothing for text without topic words', () => {
    expect(classifyTopics('')).toEqual([]);
    expect(classifyTopics('صباح الخير')).toEqual([]);
  });
  it('accepts a custom taxonomy with multi-word phrases', () => {
    const taxonomy: Topic[] = [{ code: 'parking', name_ar: 'المواقف', name_en: 'Parking', keywords: ['موقف سيارات', 'مواقف'] }];
    expect(classifyTopics('ما لقيت موقف سيارات', taxonomy)).toEqual(['parking']);
    expect(classifyTopics('موقف واحد', taxonomy)).toEqual([]);
  });
  it('has the nine default topics with keywords', () => {
    expect(DEFAULT_TOPICS.map((t) => t.code)).toEqual([
      'waiting_time', 'staff_behaviour', 'appointments', 'digital_systems', 'documents_procedures',
      'request_outcome', 'communication_followup', 'accessibility', 'fees',
    ]);
    for (const t of DEFAULT_TOPICS) expect(t.keywords.length).toBeGreaterThan(20);
  });
});

describe('discoverTopics', () => {
  const app = ['التطبيق يعلق عند الدفع', 'التطبيق ما يفتح بعد التحديث', 'التطبيق يعلق كل مره', 'تحديث التطبيق خرب الدخول', 'التطبيق بطيء ويعلق'];
  const staff = ['الموظف محترم ومتعاون', 'الموظفه تعاملها راقي', 'تعامل الموظف ممتاز', 'الموظفين متعاونين ومحترمين', 'شكرا للموظف على تعامله'];

  it('separates two obviously different groups', () => {
    const texts = [...app, ...staff];
    const { clusters } = discoverTopics(texts, { k: 2 });
    expect(clusters).toHaveLength(2);
    const groups = clusters.map((c) => c.exampleIndexes.map((i) => (i < app.length ? 'app' : 'staff')));
    // Each cluster holds one group only, and both groups are found.
    for (const g of groups) expect(new Set(g).size).toBe(1);
    expect(new Set(groups.map((g) => g[0]))).toEqual(new Set(['app', 'staff']));
    expect(clusters.map((c) => c.size).sort()).toEqual([5, 5]);
    const appCluster = clusters.find((c) => c.exampleIndexes[0] < app.length)!;
    expect(appCluster.topPhrases[0]).toBe('التطبيق');
  });
  it('is deterministic', () => {
    const texts = [...staff, ...app];
    expect(discoverTopics(texts, { k: 2, seed: 7 })).toEqual(discoverTopics(texts, { k: 2, seed: 7 }));
  });
  it('handles empty input, empty texts and k larger than the data', () => {
    expect(discoverTopics([], { k: 3 })).toEqual({ clusters: [], unassigned: [] });
    const r = discoverTopics(['', 'التطبيق يعلق'], { k: 5 });
    expect(r.unassigned).toEqual([0]);
    expect(r.clusters).toHaveLength(1);
    expect(r.clusters[0]).toMatchObject({ size: 1, exampleIndexes: [1] });
  });
});
