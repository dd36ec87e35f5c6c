// The exercise page's own script: ticks each exercise when its playground
// fires nn-goal, keeps the ticks in localStorage (a reload keeps them), and
// shows how a course page would forward the result to its own server.
const STORE = 'nnplay-exercises';
const $ = (id) => document.getElementById(id);

function progress() {
  try {
    return JSON.parse(localStorage.getItem(STORE)) || {};
  } catch {
    return {};
  }
}

function save(all) {
  try { localStorage.setItem(STORE, JSON.stringify(all)); } catch { /* storage blocked: ticks last this visit */ }
}

function showTicks() {
  const all = progress();
  for (const li of document.querySelectorAll('#progress li')) {
    const done = all[li.dataset.exercise];
    li.classList.toggle('done', !!done);
    li.querySelector('.when').textContent = done ? `done at epoch ${done.epoch} (${new Date(done.at).toLocaleString()})` : '';
  }
}

/**
 * What a course page would do with a result: send it to its own server, e.g.
 *   fetch('/api/progress', { method: 'POST', headers: { 'Content-Type': 'application/json' },
 *     body: JSON.stringify(result) });
 * This example only logs it and shows it.
 */
function forward(result) {
  console.info('nn-goal for the course server:', result);
  $('sent').textContent = JSON.stringify(result, null, 2);
}

document.addEventListener('nn-goal', (e) => {
  const exercise = e.target.id;
  const { goal, epoch, trainLoss, testLoss, accuracy, state } = e.detail;
  const all = progress();
  if (!all[exercise]) {
    all[exercise] = { epoch, accuracy, at: Date.now() };
    save(all);
    showTicks();
  }
  forward({ exercise, goal, epoch, trainLoss, testLoss, accuracy, settings: state });
});

$('forget').addEventListener('click', () => {
  save({});
  showTicks();
});
showTicks();
