import { z } from 'zod';
import { getAgencyById } from '../../http/agency-scope.ts';
import { AppError } from '../../http/errors.ts';
import { defineJob } from '../../jobs/jobs.ts';
import { getImportRun } from '../interactions/interactions.queries.ts';
import './contact-centre.demo.ts'; // registers the demo extension with the job registry's load
import { removeUploadedFile } from '../interactions/interactions.service.ts';

/** Imports an uploaded call CSV; a retry resumes from the run's checkpoint (as interactions.import). */
export const importCallsJob = defineJob({
  name: 'calls.import',
  payload: z.object({ importId: z.number().int().positive() }),
  async run(services, payload, job) {
    const agency = job.agencyId === null ? undefined : await getAgencyById(services.db, job.agencyId);
    const run = agency && (await getImportRun(services.db, agency.id, payload.importId));
    if (!agency || !run || !run.file_path) return;
    if (run.status === 'done' || run.status === 'failed') return removeUploadedFile(run);
    const { importCallsFile } = await import('./call-import.ts'); // call-import imports this module
    try {
      await importCallsFile(services, agency, run.file_path, { importId: run.id });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
    }
    await removeUploadedFile(run);
  },
});
