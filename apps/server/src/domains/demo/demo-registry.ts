// Domains that add demo data register an extension in their own `<name>.demo.ts`;
// each adds one import line here so the extension is loaded before the demo is built.
export {};
