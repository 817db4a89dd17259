// Importing a domain's jobs module registers its jobs with the worker.
export {};
