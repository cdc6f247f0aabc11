/**
 * The review page's only script, inline (the page is one file, opened from disk): one sound at a time through one
 * audio element, whose source is a file beside the page by relative path. A player's second press stops it; the
 * sounding row carries data-playing ('original' or 'converted') until the sound ends or stops; Play all walks the
 * rows in order, 0.5 s apart; a click on a waveform plays the row's playback file from that point. Nothing is
 * decoded here: Chromium plays A-law and mu-law WAV files in its own player (test/cli-review.spec.ts hears it), as
 * Firefox's and Safari's WAV decoders do; where a browser cannot, the row says so.
 */
export const REVIEW_SCRIPT = `(function () {
  var audio = document.getElementById('player');
  var current = null; // { row, kind, button }
  var queue = null; // rows still to play, for Play all
  var gap = 0;
  var playAll = document.getElementById('play-all');
  function clear() {
    if (current) {
      current.row.removeAttribute('data-playing');
      current.button.setAttribute('aria-pressed', 'false');
    }
    current = null;
  }
  function stop() {
    clearTimeout(gap);
    queue = null;
    playAll.setAttribute('aria-pressed', 'false');
    audio.pause();
    clear();
  }
  function play(button, from) {
    var row = button.closest('tr');
    clear();
    current = { row: row, kind: button.getAttribute('data-play'), button: button };
    row.setAttribute('data-playing', current.kind);
    button.setAttribute('aria-pressed', 'true');
    audio.src = button.getAttribute('data-src');
    audio.currentTime = from || 0;
    var started = audio.play();
    if (started && started.catch) started.catch(function () { failed(row); });
  }
  function failed(row) {
    var note = row.querySelector('.cannot-play');
    if (note) note.hidden = false;
    if (queue) next(); else stop();
  }
  function next() {
    clear();
    var row = queue.shift();
    if (!row) return stop();
    row.scrollIntoView({ block: 'nearest' });
    play(row.querySelector('button[data-main]'), 0);
  }
  audio.addEventListener('ended', function () {
    if (!queue) return clear();
    clear();
    gap = setTimeout(next, 500);
  });
  audio.addEventListener('error', function () { if (current) failed(current.row); });
  document.addEventListener('click', function (event) {
    var button = event.target.closest('button[data-play]');
    if (button) {
      var again = current && current.button === button;
      stop();
      if (!again) play(button, 0);
      return;
    }
    var drawing = event.target.closest('svg[data-role="waveform"]');
    if (drawing) {
      var converted = drawing.closest('tr').querySelector('button[data-main]');
      if (!converted) return;
      var box = drawing.getBoundingClientRect();
      var lead = +drawing.getAttribute('data-lead'), seconds = +drawing.getAttribute('data-seconds'), total = +drawing.getAttribute('data-total');
      var at = Math.min(Math.max(((event.clientX - box.left) / box.width) * total - lead, 0), Math.max(0, seconds - 0.05));
      stop();
      play(converted, at);
    }
  });
  playAll.addEventListener('click', function () {
    if (queue) return stop();
    stop();
    queue = Array.prototype.slice.call(document.querySelectorAll('tr[data-file]')).filter(function (row) { return row.querySelector('button[data-main]'); });
    playAll.setAttribute('aria-pressed', 'true');
    next();
  });
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape') stop();
  });
})();`;
