// Text-to-speech with a sherpa-onnx model the user brings (VITS/Piper, Matcha, Kokoro…).
import type { TextToSpeech } from "../../cic/speech-engines.js";
import { encodeMp3 } from "../audio/mp3.js";
import { loadSherpa, readSherpaConfig, type SherpaModule } from "../sherpa/load.js";

export interface SherpaTtsOptions {
  /** JSON file with the sherpa-onnx OfflineTts config (model paths). */
  configPath?: string;
  /** Languages the model speaks (default en). */
  languages?: readonly string[];
  speakerId?: number;
  speed?: number;
  /** Module to import (tests point it elsewhere). */
  packageName?: string;
}

export class SherpaTextToSpeech implements TextToSpeech {
  readonly languages: readonly string[];
  private engine: Promise<InstanceType<SherpaModule["OfflineTts"]>> | undefined;

  constructor(private readonly options: SherpaTtsOptions) {
    this.languages = options.languages ?? ["en"];
  }

  /** Loads the addon and the model (also done on first use); rejects with what is missing. */
  load(): Promise<InstanceType<SherpaModule["OfflineTts"]>> {
    this.engine ??= (async () => {
      const config = readSherpaConfig(this.options.configPath, "CLOVER_SHERPA_TTS_CONFIG");
      const sherpa = await loadSherpa(this.options.packageName);
      return new sherpa.OfflineTts(config);
    })();
    this.engine.catch(() => {
      this.engine = undefined;
    });
    return this.engine;
  }

  async synthesize(text: string, language: string): Promise<Buffer | undefined> {
    if (!this.languages.includes(language) || text.trim() === "") return undefined;
    const tts = await this.load();
    const audio = tts.generate({
      text,
      sid: this.options.speakerId ?? 0,
      speed: this.options.speed ?? 1,
    });
    const samples = new Int16Array(audio.samples.length);
    for (let i = 0; i < samples.length; i++) {
      samples[i] = Math.max(-32768, Math.min(32767, Math.round((audio.samples[i] ?? 0) * 32767)));
    }
    return encodeMp3({ sampleRate: audio.sampleRate, samples });
  }
}
