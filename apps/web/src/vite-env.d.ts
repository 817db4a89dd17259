/// <reference types="vite/client" />

// UMD locale files of echarts ship without type declarations.
declare module 'echarts/i18n/*';
