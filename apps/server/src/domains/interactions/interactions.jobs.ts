import { z } from 'zod';
import { getAgencyById } from '../../http/agency-scope.ts';
import { AppError } from '../../http/errors.ts';
import { defineJob } from '../../jobs/jobs.ts';
import * as q from './interactions.queries.ts';
import { importInteractionsFile, removeUploadedFile } from './interactions.service.ts';

/**
 * Imports an uploaded CSV. A retry (after a crash or a database error) resumes from the run's
 * checkpoint; a file-level error (encoding, header) fails the run at once, with no retry.
 */
export const importInteractionsJob = defineJob({
  name: 'interactions.import',
  payload: z.object({ importId: z.number().int().positive() }),
  async run(services, payload, job) {
    const agency = job.agencyId === null ? undefined : await getAgencyById(services.db, job.agencyId);
    const run = agency && (await q.getImportRun(services.db, agency.id, payload.importId));
    if (!agency || !run || !run.file_path) return;
    if (run.status === 'done' || run.status === 'failed') return removeUploadedFile(run);
    try {
      await importInteractionsFile(services, agency, run.file_path, { importId: run.id });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
    }
    await removeUploadedFile(run);
  },
});
