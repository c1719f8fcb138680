// The sound of a ringing alert: a two-tone beep from Web Audio (no asset to load), repeated
// until stopped. Where the browser has no audio output or refuses to start it, the alert is
// still shown.
export function startRinging(): () => void {
  let context: AudioContext | undefined;
  try {
    context = new AudioContext();
  } catch {
    return () => {};
  }
  const ctx = context;
  const beep = () => {
    if (ctx.state === "closed") return;
    for (const [offset, frequency] of [
      [0, 880],
      [0.25, 660],
    ] as const) {
      const oscillator = ctx.createOscillator();
      const gain = ctx.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.value = 0.15;
      oscillator.connect(gain).connect(ctx.destination);
      oscillator.start(ctx.currentTime + offset);
      oscillator.stop(ctx.currentTime + offset + 0.2);
    }
  };
  beep();
  const timer = setInterval(beep, 1000);
  return () => {
    clearInterval(timer);
    void ctx.close().catch(() => {});
  };
}
