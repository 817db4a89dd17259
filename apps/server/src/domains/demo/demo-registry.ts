// Domains register demo extensions at module load. Most do it in a module the job registry
// already loads; a domain without jobs adds one import line here instead. Loading the job
// registry here makes `tajriba demo` and the bench see the same extensions as the server.
import '../../jobs/registry.ts';
