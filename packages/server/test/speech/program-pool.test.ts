// Speech programs piped: the synthesizer's samples stream into the encoder, and the encoder's
// first MP3 bytes reach the caller before the job ends; where the pipe does not work the
// helper falls back to the WAV path without the caller noticing, and once the pipe is trusted
// a failure is an error (never audio twice).
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { readMp3FrameHeader } from "../../src/speech/audio/mp3.js";
import { findProgram } from "../../src/speech/tts/find-program.js";
import { lameStep, type ProgramJob, ProgramPool } from "../../src/speech/tts/program-pool.js";

const flite = findProgram("flite");
const lame = findProgram("lame");
const missing = (!flite || !lame) && "Debian's flite and lame are not installed";

/** A Flite job: WAV path, and the pipe of `-o stream` into raw-input lame (as flite.ts asks). */
function fliteJob(text: string, pipe = true): ProgramJob {
  const synthesize = {
    command: flite!,
    args: ["-voice", "slt", "-f", "-", "-o", "{wav}"],
    input: text,
    warm: true,
    packageName: "flite",
  };
  return {
    synthesize,
    encode: lameStep(lame!),
    ...(pipe
      ? {
          pipe: {
            synthesize: {
              ...synthesize,
              args: ["-voice", "slt", "-f", "-", "-o", "stream"],
              samplesOnStdout: true,
            },
            encode: lameStep(lame!, 16000),
            sampleRate: 16000,
          },
        }
      : {}),
  };
}

/** Runs a job, noting the chunks handed out before it resolved. */
async function runJob(pool: ProgramPool, job: ProgramJob) {
  const chunks: Buffer[] = [];
  const rest = await pool.run(job, undefined, (bytes) => chunks.push(bytes));
  return { chunks, mp3: Buffer.concat([...chunks, rest]) };
}

describe("speech programs piped into the encoder", { skip: missing }, () => {
  const pool = new ProgramPool("Flite", 1, 30000);
  const plain = new ProgramPool("Flite", 1, 30000);
  after(() => Promise.all([pool.close(), plain.close()]));

  it("hands out the first MP3 bytes before the piece ends, the same bytes as the WAV path", async () => {
    const text = "Here is a longer sentence, so the encoder has several frames to write out.";
    const expected = (await runJob(plain, fliteJob(text, false))).mp3;
    assert.deepEqual(readMp3FrameHeader(expected), {
      version: 2,
      layer: 3,
      sampleRate: 24000,
      bitrateKbps: 48,
      mono: true,
    });
    // The helper's first pipe job is answered whole: it proves the pipe works here.
    const first = await runJob(pool, fliteJob(text));
    assert.equal(first.chunks.length, 0);
    assert.deepEqual(first.mp3, expected);
    for (let round = 0; round < 2; round++) {
      const streamed = await runJob(pool, fliteJob(text));
      assert.ok(streamed.chunks.length >= 1, "bytes before the end of the job");
      assert.ok(streamed.chunks[0]!.length < expected.length / 2, "the first bytes are a part");
      assert.deepEqual(streamed.mp3, expected, `round ${round}`);
    }
  });

  it("falls back to the WAV path where the pipe fails before it ever worked", async () => {
    const own = new ProgramPool("Flite", 1, 30000);
    try {
      const job = (text: string): ProgramJob => {
        const base = fliteJob(text);
        // A synthesizer that cannot play its samples (as flite does when ALSA is missing).
        const broken = { ...base.pipe!.synthesize, command: "sh", args: ["-c", "cat; exit 3"] };
        return { ...base, pipe: { ...base.pipe!, synthesize: broken } };
      };
      for (const text of ["Fallback one.", "Fallback two."]) {
        const { chunks, mp3 } = await runJob(own, job(text));
        assert.equal(chunks.length, 0);
        assert.deepEqual(mp3, (await runJob(plain, fliteJob(text, false))).mp3, text);
      }
    } finally {
      await own.close();
    }
  });

  it("fails a piece whose trusted pipe breaks, naming the program, and goes on", async () => {
    const own = new ProgramPool("Speech", 1, 30000);
    try {
      // Half a second of silence as samples, or an exit with an error for the text "fail".
      const job = (text: string): ProgramJob => ({
        ...fliteJob(text),
        pipe: {
          synthesize: {
            command: "sh",
            args: ["-c", 'read -r t; head -c 16000 /dev/zero; [ "$t" != fail ]'],
            input: `${text}\n`,
            warm: true,
            packageName: "dash",
          },
          encode: lameStep(lame!, 16000),
          sampleRate: 16000,
        },
      });
      const ok = await runJob(own, job("ok"));
      assert.ok(ok.mp3.length > 1000);
      await assert.rejects(own.run(job("fail")), /sh exited with code 1/);
      assert.deepEqual((await runJob(own, job("ok"))).mp3, ok.mp3);
    } finally {
      await own.close();
    }
  });

  it("drops the silence around the sound but for the time asked, and keeps all-silent pieces", async () => {
    const text = "Your timer is set.";
    const job = (trim: { trimStartMs?: number; trimEndMs?: number } = {}): ProgramJob => {
      const base = fliteJob(text);
      return { ...base, pipe: { ...base.pipe!, ...trim } };
    };
    await runJob(pool, job()); // the pipe is trusted already; this only warms it again
    const full = (await runJob(pool, job())).mp3;
    const start = await runJob(pool, job({ trimStartMs: 30 }));
    assert.ok(start.chunks.length >= 1);
    assert.deepEqual(readMp3FrameHeader(start.mp3), readMp3FrameHeader(full));
    // 48 kbit/s CBR: 6 bytes per millisecond. Flite's lead-in is ~220 ms; 30 ms of it stay.
    const leadIn = (full.length - start.mp3.length) / 6;
    assert.ok(leadIn > 150 && leadIn < 230, `${leadIn} ms dropped at the start`);
    // Flite ends a sentence with ~170 ms of silence; 30 ms of it stay.
    const end = (await runJob(pool, job({ trimEndMs: 30 }))).mp3;
    const ending = (full.length - end.length) / 6;
    assert.ok(ending > 90 && ending < 200, `${ending} ms dropped at the end`);
    const both = (await runJob(pool, job({ trimStartMs: 30, trimEndMs: 30 }))).mp3;
    const dropped = (full.length - both.length) / 6;
    assert.ok(Math.abs(dropped - leadIn - ending) <= 24, `${dropped} ms dropped in all`);

    // A piece that is silence from start to end is kept whole.
    const silent = (trimStartMs?: number): ProgramJob => ({
      ...fliteJob("silence"),
      pipe: {
        synthesize: {
          command: "sh",
          args: ["-c", "cat >/dev/null; head -c 16000 /dev/zero"],
          input: "silence",
          warm: true,
          packageName: "dash",
        },
        encode: lameStep(lame!, 16000),
        sampleRate: 16000,
        ...(trimStartMs ? { trimStartMs } : {}),
      },
    });
    const own = new ProgramPool("Speech", 1, 30000);
    try {
      const whole = await runJob(own, silent());
      assert.deepEqual((await runJob(own, silent(30))).mp3, whole.mp3);
    } finally {
      await own.close();
    }
  });

  it("keeps the samples in step when the synthesizer's output splits a sample", async () => {
    const own = new ProgramPool("Speech", 1, 30000);
    try {
      // 250 ms of silence written with an odd byte count, a pause, then 500 ms of noise.
      const job = (trimStartMs?: number): ProgramJob => ({
        ...fliteJob("noise"),
        pipe: {
          synthesize: {
            command: "sh",
            args: [
              "-c",
              "cat >/dev/null; head -c 8001 /dev/zero; sleep 0.05; head -c 15999 /dev/urandom",
            ],
            input: "noise",
            warm: true,
            packageName: "dash",
          },
          encode: lameStep(lame!, 16000),
          sampleRate: 16000,
          ...(trimStartMs ? { trimStartMs } : {}),
        },
      });
      const whole = (await runJob(own, job())).mp3;
      await runJob(own, job(30)); // trusted
      const trimmed = (await runJob(own, job(30))).mp3;
      const droppedMs = (whole.length - trimmed.length) / 6;
      assert.ok(droppedMs > 190 && droppedMs < 250, `${droppedMs} ms dropped`);
    } finally {
      await own.close();
    }
  });
});
