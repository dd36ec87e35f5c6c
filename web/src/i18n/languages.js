// The interface languages: code -> the strings key of its name in its own
// script. Apart from the tables (index.js) so that the state schema, and with
// it the worker, can know the codes without bundling every string.
export const LANGUAGES = { en: 'lang.en', 'zh-CN': 'lang.zhCN' };
