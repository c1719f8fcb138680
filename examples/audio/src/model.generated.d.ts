// Generated from the interaction model by generateModelTypes (`clover model types`).
// Do not edit: regenerate when the model changes.

/** Intents and slots of "music box" (en, ja, ko). */
export interface AudioModel {
  intents: {
    "PlayMusicIntent": {
      /** GENRE */
      "genre": "classical" | "jazz" | "lofi" | "pop" | "rock";
    };
    "Clova.CancelIntent": {};
    "Clova.GuideIntent": {};
    "Clova.NextIntent": {};
    "Clova.PauseIntent": {};
    "Clova.PreviousIntent": {};
    "Clova.ResumeIntent": {};
  };
}

export type AudioModelIntentName = keyof AudioModel["intents"];
