// Every value that reaches the page passes through esc(): answers and names are data, never markup.
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]);

export type Lang = 'ar' | 'en';
export const dirOf = (lang: Lang) => (lang === 'ar' ? 'rtl' : 'ltr');

/**
 * Inline CSS (no second request). System Arabic fonts keep the page far under 30 KB; Plex is
 * used when installed locally. Colours pass WCAG AA on white (#0b5d48 on #fff is 7.6:1).
 */
export const CSS = `*{box-sizing:border-box}
body{margin:0;font:17px/1.6 "IBM Plex Sans Arabic","Noto Sans Arabic","Segoe UI",Tahoma,"Geeza Pro",Arial,sans-serif;color:#1b1f24;background:#f4f6f5}
main{max-width:34rem;margin:0 auto;padding:1rem}
header{display:flex;justify-content:space-between;align-items:center;gap:1rem;margin-bottom:.5rem}
h1{font-size:1.2rem;margin:0}
a{color:#0b5d48}
.card{background:#fff;border-radius:12px;padding:1rem 1.1rem;margin:.8rem 0;box-shadow:0 1px 3px #0002}
fieldset{border:0;margin:0;padding:0;min-width:0}
legend{font-weight:600;margin-bottom:.6rem;padding:0}
.req{color:#a4161a}
.scale{display:flex;gap:.4rem}
.scale.wrap{flex-wrap:wrap}
.o{position:relative;flex:1 1 0;min-width:2.9rem}
.o input{position:absolute;opacity:0;width:1px;height:1px}
.o span{height:100%;display:flex;flex-direction:column;align-items:center;justify-content:center;min-height:3.2rem;padding:.3rem;border:2px solid #8a949c;border-radius:10px;background:#fff;text-align:center;font-size:.8rem;line-height:1.2;cursor:pointer}
.o b{font-size:1.25rem}
.o input:checked+span{background:#0b5d48;border-color:#0b5d48;color:#fff}
.o input:focus-visible+span{outline:3px solid #f2a900;outline-offset:2px}
.ends{display:flex;justify-content:space-between;font-size:.8rem;color:#4a535b;margin-top:.3rem}
.list .o{display:block;margin:.4rem 0}
.list .o span{flex-direction:row;justify-content:flex-start;gap:.5rem;font-size:1rem;min-height:3rem;padding:.5rem .8rem;text-align:start}
textarea{width:100%;min-height:6rem;font:inherit;padding:.6rem;border:2px solid #8a949c;border-radius:10px}
textarea:focus{outline:3px solid #f2a900}
button{font:inherit;font-weight:600;width:100%;min-height:3.2rem;border:0;border-radius:10px;background:#0b5d48;color:#fff;cursor:pointer}
button:focus-visible{outline:3px solid #f2a900;outline-offset:2px}
.err{background:#fde8e8;color:#7d1014;border-radius:8px;padding:.6rem .8rem}
.muted{color:#4a535b;font-size:.85rem}
.progress{font-size:.85rem;color:#4a535b}
footer{margin-top:1.2rem;font-size:.8rem;color:#4a535b;text-align:center}`;

export function layout(o: { lang: Lang; title: string; body: string }) {
  return `<!doctype html><html lang="${o.lang}" dir="${dirOf(o.lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${esc(o.title)}</title><style>${CSS}</style></head><body><main>${o.body}</main></body></html>`;
}
