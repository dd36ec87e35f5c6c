// Entry point of the full page (dist/app.js): a thin user of the same mount as
// the <nn-playground> element (App), into #nnplay, with the state in the URL
// hash. Iframe mode: `#…&embed=1` hides the page header and article text (any
// element with class np-page-header or np-article), e.g. for a classroom link
// in an <iframe>; `controls=`, `autoplay=1` and `lang=` work as on the element,
// and so do the lesson's keys (goal, locked, hints, ...: lesson/options.js).
// `report-to=<origin>` sends nn-epoch, nn-goal and nn-diverged to the parent
// page by postMessage, for that origin only. The full page (not the iframe
// mode) has the lesson builder (Share / embed).
import { App } from './app.js';
import { translator, pageLanguage } from './i18n/index.js';
import { parseLessonHash } from './lesson/options.js';
import { parentReporter, epochDetail, divergedDetail } from './lesson/report.js';
import { LessonBuilder } from './lesson/builder.js';

// The hash is parsed before anything else (the engine's names are bundled in).
const initial = parseLessonHash(location.hash);
const lang = pageLanguage(initial.options.lang || new URLSearchParams(location.search).get('lang'));
document.documentElement.lang = lang;
if (initial.options.embed) document.documentElement.classList.add('np-embed');

// Static page text comes from the strings tables too.
const t = translator(lang);
for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.getAttribute('data-i18n'));

const root = document.getElementById('nnplay');
if (root) {
  // Start the worker (engine download and compile) first. Starting a worker
  // needs this thread for a moment, so build the page only once the worker
  // runs (or after 300 ms at most): measured ~0.3 s earlier first boundary.
  const bridge = App.startWorker(initial.state);
  const report = parentReporter(initial.lesson.reportTo);
  let lastEpoch = -1;
  let built = false;
  const build = () => {
    if (built) return;
    built = true;
    new App(root, {
      hash: true, bridge, initial, lang, langSlot: document.getElementById('np-lang-slot'),
      builder: initial.options.embed ? null : (app, tr) => new LessonBuilder(app, tr),
      lessonHooks: { onGoal: (detail) => report && report('nn-goal', detail) },
      onFrame: report ? (f) => {
        if (f.epoch === lastEpoch) return;
        lastEpoch = f.epoch;
        report('nn-epoch', epochDetail(f));
      } : undefined,
      onDiverged: report ? (m) => report('nn-diverged', divergedDetail(m)) : undefined,
    });
  };
  bridge.started.then(build);
  setTimeout(build, 300);
}
