// The lesson's own script: reacts to the playgrounds' events and drives them
// through their script API (play, pause, step, reset, getModel).
const $ = (id) => document.getElementById(id);

customElements.whenDefined('nn-playground').then(() => {
  const xor = $('xor');
  xor.addEventListener('nn-epoch', (e) => {
    if (e.detail.epoch >= 100) $('xor-note').hidden = false;
  });
  $('xor-step').addEventListener('click', () => xor.step());
  $('xor-reset').addEventListener('click', () => {
    xor.reset();
    $('xor-note').hidden = true;
  });
  $('xor-weights').addEventListener('click', async () => {
    const model = await xor.getModel();  // the JS API's model with the worker's current weights (the element owns it)
    const [kernel] = model.getWeights();
    const rows = kernel.arraySync().map((r) => r.map((v) => v.toFixed(2).padStart(6)).join(' '));
    $('xor-out').textContent = `x1 → hidden: ${rows[0]}\nx2 → hidden: ${rows[1]}`;
  });
  $('circle-play').addEventListener('click', () => $('circle').play());
  $('circle-pause').addEventListener('click', () => $('circle').pause());
});
