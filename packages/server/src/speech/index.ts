// Offline speech for CIC (cic.md §10, §11): text-to-speech engines producing MP3, speech
// recognizers reading the device's 16 kHz PCM upload, and the environment-driven factory.
export { SpeechToTextByLanguage } from "./asr/by-language.js";
export { buildGrammar, type CompiledGrammar } from "./asr/grammar.js";
export { type OpenAiAsrOptions, OpenAiSpeechToText } from "./asr/openai.js";
export { type PocketsphinxOptions, PocketsphinxRecognizer } from "./asr/pocketsphinx.js";
export { type SherpaAsrOptions, SherpaSpeechToText } from "./asr/sherpa.js";
export { type CaptureLimits, captureSpeech, DEFAULT_CAPTURE_LIMITS } from "./audio/capture.js";
export { SpeechInputError, UnsupportedLanguageError } from "./audio/errors.js";
export { encodeMp3, readMp3FrameHeader } from "./audio/mp3.js";
export { decodeWav, encodeWav, type Pcm } from "./audio/pcm.js";
export { resample } from "./audio/resample.js";
export { ASR_ENGINES, createSpeechEngines, type SpeechEngines, TTS_ENGINES } from "./config.js";
export { TextToSpeechByLanguage } from "./tts/by-language.js";
export { CachedTextToSpeech } from "./tts/cache.js";
export { EspeakTextToSpeech } from "./tts/espeak.js";
export { FliteTextToSpeech } from "./tts/flite.js";
export { OpenAiTextToSpeech } from "./tts/openai.js";
export { SherpaTextToSpeech } from "./tts/sherpa.js";
