// `npm run bench -- <name> [args…]`: runs bench/<name>.ts's exported run(args).
export {};
const [name, ...rest] = process.argv.slice(2);
if (!name || !/^[a-z0-9-]+$/.test(name)) {
  console.error('usage: npm run bench -- <name> [args…]');
  process.exit(1);
}
const mod = (await import(`./${name}.ts`)) as { run: (args: string[]) => Promise<void> };
await mod.run(rest);
