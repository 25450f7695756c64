/**
 * Swipe to approve: the thumb follows the finger (pointer events: touch, pen or mouse); let go
 * past 85 % of the track and it approves, earlier and it slides back. The Godkend button beside it
 * does the same for keyboards and screen readers.
 */
export function makeSwipe(track, thumb, onDone) {
  let pointer = null;
  let startX = 0;
  let dx = 0;
  const max = () => Math.max(0, track.clientWidth - thumb.offsetWidth - 8);
  const place = (x) => {
    thumb.style.transform = `translateX(${x}px)`;
  };

  function reset() {
    pointer = null;
    dx = 0;
    thumb.classList.remove('is-dragging');
    thumb.classList.add('is-returning');
    place(0);
  }

  thumb.addEventListener('pointerdown', (event) => {
    if (pointer !== null) return;
    pointer = event.pointerId;
    startX = event.clientX;
    dx = 0;
    thumb.setPointerCapture(pointer);
    thumb.classList.add('is-dragging');
    thumb.classList.remove('is-returning');
    event.preventDefault();
  });
  thumb.addEventListener('pointermove', (event) => {
    if (event.pointerId !== pointer) return;
    dx = Math.min(Math.max(event.clientX - startX, 0), max());
    place(dx);
  });
  thumb.addEventListener('pointerup', (event) => {
    if (event.pointerId !== pointer) return;
    if (dx >= max() * 0.85) {
      pointer = null;
      thumb.classList.remove('is-dragging');
      place(max());
      onDone();
    } else {
      reset();
    }
  });
  thumb.addEventListener('pointercancel', (event) => {
    if (event.pointerId === pointer) reset();
  });
  return { reset };
}
