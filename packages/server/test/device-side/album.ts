// A small audio extension for the device-side tests: "play the album" plays three tracks
// (REPLACE_ALL, then ENQUEUE twice); "what is on <date>" says the date slot it received.
import {
  answer,
  type Json,
  startExtension,
  type TestExtension,
} from "../helpers/extension-server.js";
import type { DeviceSideWorld } from "./clover.js";

export const track = (n: number) => ({
  audioItemId: `album-${n}`,
  titleText: `Track ${n}`,
  titleSubText1: "The Testers",
  headerText: "Test Album",
  stream: {
    token: `album:${n}`,
    url: `https://media.example.org/album/${n}.mp3`,
    urlPlayable: true,
    beginAtInMilliseconds: 0,
    durationInMilliseconds: 60_000,
  },
});

const play = (n: number, playBehavior: string) => ({
  header: { namespace: "AudioPlayer", name: "Play" },
  payload: { audioItem: track(n), playBehavior, source: { name: "Album Box" } },
});

function respond(request: Json) {
  const r = request.request;
  if (r.type === "IntentRequest" && r.intent.name === "PlayAlbumIntent")
    return {
      body: silent([play(1, "REPLACE_ALL"), play(2, "ENQUEUE"), play(3, "ENQUEUE")]),
    };
  if (r.type === "IntentRequest" && r.intent.name === "WebsiteIntent")
    return {
      body: silent([
        {
          header: { namespace: "Clova", name: "LaunchURI" },
          payload: {
            targets: [
              { uri: "https://albums.example.org/test-album", title: "Test Album" },
              { uri: "albumbox://album/1", title: "Album Box app" },
            ],
          },
        },
      ]),
    };
  if (r.type === "IntentRequest" && r.intent.name === "WhenIntent")
    return { body: answer(String(r.intent.slots?.when?.value ?? "no date")) };
  return { body: silent([]) };
}

/** An answer with no speech (cek-custom-extension.md §5.8: audio answers use outputSpeech {}). */
function silent(directives: unknown[]) {
  const body = answer("x", { directives });
  return { ...body, response: { ...body.response, outputSpeech: {} } };
}

export async function registerAlbumBox(world: DeviceSideWorld): Promise<TestExtension> {
  const extension = await startExtension(
    respond,
    () => world.server.platform.keys.active.publicKeyPem,
  );
  const created = await world.api("POST", "/api/v1/extensions", {
    id: "com.example.albumbox",
    displayName: "Album Box",
    endpointUrl: extension.url,
    usesAudioPlayer: true,
    models: {
      en: {
        language: "en",
        invocation: { main: "album box" },
        builtinIntents: ["Clova.GuideIntent", "Clova.PauseIntent", "Clova.ResumeIntent"],
        builtinSlotTypes: ["CLOVA.DATETIME"],
        intents: [
          {
            name: "PlayAlbumIntent",
            slots: [],
            utterances: ["play the album", "play my album", "start the album"],
          },
          {
            name: "WebsiteIntent",
            slots: [],
            utterances: ["open the album website", "show the album page", "open the website"],
          },
          {
            name: "WhenIntent",
            slots: [{ name: "when", type: "CLOVA.DATETIME" }],
            utterances: [
              "what is on <when>today</when>",
              "what is planned <when>tomorrow</when>",
              "anything on <when>today</when>",
            ],
          },
        ],
      },
    },
  });
  if (created.status !== 201) throw new Error(`album box refused: ${JSON.stringify(created.body)}`);
  return extension;
}
