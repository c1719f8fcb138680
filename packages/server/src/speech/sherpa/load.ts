// sherpa-onnx (Apache-2.0, next-gen Kaldi) through its Node addon `sherpa-onnx-node`, which the
// user installs together with a model (nothing is downloaded for them). Loaded on first use.
import { existsSync, readFileSync } from "node:fs";

/** The part of the sherpa-onnx-node API we use. */
export interface SherpaModule {
  OfflineTts: new (
    config: unknown,
  ) => {
    sampleRate: number;
    generate(request: { text: string; sid: number; speed: number }): {
      samples: Float32Array;
      sampleRate: number;
    };
  };
  OnlineRecognizer: new (config: unknown) => SherpaOnlineRecognizer;
}

export interface SherpaOnlineStream {
  acceptWaveform(wave: { samples: Float32Array; sampleRate: number }): void;
  inputFinished(): void;
}

export interface SherpaOnlineRecognizer {
  createStream(): SherpaOnlineStream;
  isReady(stream: SherpaOnlineStream): boolean;
  decode(stream: SherpaOnlineStream): void;
  getResult(stream: SherpaOnlineStream): { text: string };
}

export const SHERPA_PACKAGE = "sherpa-onnx-node";

let loaded: Promise<SherpaModule> | undefined;

/** Imports the addon, with a clear error when it is not installed. */
export function loadSherpa(packageName = SHERPA_PACKAGE): Promise<SherpaModule> {
  if (packageName === SHERPA_PACKAGE && loaded) return loaded;
  const job = import(packageName).then(
    (mod: { default?: SherpaModule } & SherpaModule) => mod.default ?? mod,
    (error: Error) => {
      throw new Error(
        `the sherpa speech engine needs the ${packageName} package (npm install ${packageName}) and a model you download yourself: ${error.message}`,
      );
    },
  );
  if (packageName === SHERPA_PACKAGE) loaded = job;
  job.catch(() => {
    if (loaded === job) loaded = undefined;
  });
  return job;
}

/** Reads a sherpa-onnx config (JSON) and checks that every file it names exists. */
export function readSherpaConfig(path: string | undefined, envName: string): unknown {
  if (!path) {
    throw new Error(`the sherpa speech engine needs ${envName}: a JSON file with the model config`);
  }
  if (!existsSync(path)) throw new Error(`${envName}: ${path} does not exist`);
  let config: unknown;
  try {
    config = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(`${envName}: ${path} is not valid JSON (${(error as Error).message})`);
  }
  const missing: string[] = [];
  const walk = (value: unknown, at: string) => {
    if (typeof value === "string") {
      if (/\.(onnx|txt|fst|far)$/.test(value) && !existsSync(value))
        missing.push(`${at} = ${value}`);
    } else if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) walk(v, at ? `${at}.${k}` : k);
    }
  };
  walk(config, "");
  if (missing.length > 0) {
    throw new Error(`${envName}: model files are missing: ${missing.join("; ")}`);
  }
  return config;
}
