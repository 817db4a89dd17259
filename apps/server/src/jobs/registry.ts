// Importing a domain's jobs module registers its jobs with the worker.
import '../domains/interactions/interactions.jobs.ts';
import '../domains/contact-centre/contact-centre.jobs.ts';
import '../domains/journeys/journeys.jobs.ts';
import '../domains/surveys/surveys.jobs.ts';
import '../domains/text/text.jobs.ts';
