// What a view or an app holds beyond its own DOM and must let go of when it is
// rebuilt (a language switch) or removed (an <nn-playground> taken out of the
// page): observers, timers, animation frames and listeners on objects it does
// not own (window, document). Each view keeps one Lifetime and ends it in its
// destroy(); tests/browser/robust.test.mjs counts that nothing is left.

export class Lifetime {
  constructor() {
    this.releases = [];
    this.timers = new Set();
    this.frames = new Set();
    this.ended = false;
  }

  /** observer.observe(each target); disconnected at the end. Returns the observer. */
  observe(observer, ...targets) {
    for (const target of targets) observer.observe(target);
    this.releases.push(() => observer.disconnect());
    return observer;
  }

  /** setTimeout that is cleared at the end (and forgotten once it has run). */
  timeout(fn, ms) {
    if (this.ended) return 0;
    const id = setTimeout(() => {
      this.timers.delete(id);
      fn();
    }, ms);
    this.timers.add(id);
    return id;
  }

  clearTimeout(id) {
    clearTimeout(id);
    this.timers.delete(id);
  }

  /** requestAnimationFrame that is cancelled at the end. */
  frame(fn) {
    if (this.ended) return 0;
    const id = requestAnimationFrame((t) => {
      this.frames.delete(id);
      fn(t);
    });
    this.frames.add(id);
    return id;
  }

  cancelFrame(id) {
    cancelAnimationFrame(id);
    this.frames.delete(id);
  }

  /** target.addEventListener, removed at the end. */
  listen(target, type, fn, options) {
    target.addEventListener(type, fn, options);
    this.releases.push(() => target.removeEventListener(type, fn, options));
  }

  /**
   * Calls onChange(true|false) when `target` comes into view or leaves it (it
   * starts as seen); nothing where IntersectionObserver does not exist.
   */
  whenSeen(target, onChange) {
    if (typeof IntersectionObserver === 'undefined') return;
    let seen = true;
    this.observe(new IntersectionObserver((entries) => {
      const on = entries.some((e) => e.isIntersecting);
      if (on === seen) return;
      seen = on;
      onChange(on);
    }), target);
  }

  /** Any other release. */
  add(release) {
    this.releases.push(release);
  }

  end() {
    this.ended = true;
    for (const id of this.timers) clearTimeout(id);
    for (const id of this.frames) cancelAnimationFrame(id);
    this.timers.clear();
    this.frames.clear();
    for (const release of this.releases.splice(0)) {
      try {
        release();
      } catch { /* already gone */ }
    }
  }
}
