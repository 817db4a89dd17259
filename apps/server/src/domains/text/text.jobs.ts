import { z } from 'zod';
import { defineJob } from '../../jobs/jobs.ts';
import './text.demo.ts'; // registers the demo extension when the job registry loads

// One durable job per agency batch of new texts: sentiment + topics for every pending row.
export const analyzeTextsJob = defineJob({
  name: 'text.analyze',
  payload: z.object({ agencyId: z.number().int().positive() }),
  async run(services, payload) {
    const { analyzePendingTexts } = await import('./text.service.ts');
    await analyzePendingTexts(services, payload.agencyId);
  },
});
