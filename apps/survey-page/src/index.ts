export { renderSurveyPage, renderNotice, type SurveyPageView, type AnswerValue } from './render.ts';
export { esc, type Lang } from './html.ts';
export type { NoticeKind } from './strings.ts';
