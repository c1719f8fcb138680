// Streaming recognition with a sherpa-onnx online (transducer/paraformer/CTC) model the user
// brings: audio is decoded while it is uploaded; our VAD end-pointer decides StopCapture.
import type { Readable } from "node:stream";
import type { SpeechToText } from "../../cic/speech-engines.js";
import { type CaptureLimits, captureSpeech } from "../audio/capture.js";
import { requireLanguage } from "../audio/errors.js";
import { DEVICE_SAMPLE_RATE } from "../audio/pcm.js";
import { loadSherpa, readSherpaConfig, type SherpaOnlineRecognizer } from "../sherpa/load.js";

export interface SherpaAsrOptions {
  /** JSON file with the sherpa-onnx OnlineRecognizer config (model paths). */
  configPath?: string;
  /** Languages the model recognizes (default en). */
  languages?: readonly string[];
  limits?: Partial<CaptureLimits>;
  packageName?: string;
}

export class SherpaSpeechToText implements SpeechToText {
  readonly languages: readonly string[];
  private recognizer: Promise<SherpaOnlineRecognizer> | undefined;

  constructor(private readonly options: SherpaAsrOptions) {
    this.languages = options.languages ?? ["en"];
  }

  load(): Promise<SherpaOnlineRecognizer> {
    this.recognizer ??= (async () => {
      const config = readSherpaConfig(this.options.configPath, "CLOVER_SHERPA_ASR_CONFIG");
      const sherpa = await loadSherpa(this.options.packageName);
      return new sherpa.OnlineRecognizer(config);
    })();
    this.recognizer.catch(() => {
      this.recognizer = undefined;
    });
    return this.recognizer;
  }

  async recognize(
    audio: Readable,
    options: { language: string; onEndOfSpeech?: () => void; signal?: AbortSignal },
  ): Promise<{ text: string }> {
    requireLanguage(
      "sherpa",
      options.language,
      this.languages,
      audio,
      "set CLOVER_ASR_LANGUAGES to the languages of your model, or use CLOVER_ASR=openai",
    );
    let recognizer: SherpaOnlineRecognizer;
    try {
      recognizer = await this.load();
    } catch (error) {
      audio.resume();
      throw error;
    }
    const stream = recognizer.createStream();
    const decode = () => {
      while (recognizer.isReady(stream)) recognizer.decode(stream);
    };
    await captureSpeech(audio, {
      onAudio: (pcm) => {
        const samples = new Float32Array(pcm.length / 2);
        for (let i = 0; i < samples.length; i++) samples[i] = pcm.readInt16LE(i * 2) / 32768;
        stream.acceptWaveform({ samples, sampleRate: DEVICE_SAMPLE_RATE });
        decode();
      },
      ...(options.onEndOfSpeech ? { onEndOfSpeech: options.onEndOfSpeech } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(this.options.limits ? { limits: this.options.limits } : {}),
    });
    stream.inputFinished();
    decode();
    return { text: recognizer.getResult(stream).text.trim().toLowerCase() };
  }
}
