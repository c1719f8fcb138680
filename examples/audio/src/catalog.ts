// The music box's playlists. Stream tokens name genre and position ("jazz:1"), so the next
// and previous tracks can be found from the playback context alone, without server state.
import type { AudioItem } from "@clover/sdk";
import type { AudioModel } from "./model.generated.js";

export type Genre = AudioModel["intents"]["PlayMusicIntent"]["genre"];

export interface Track {
  title: string;
  artist: string;
  durationInMilliseconds: number;
}

export const playlists: Record<Genre, Track[]> = {
  jazz: [
    { title: "Blue Lantern", artist: "The Night Owls", durationInMilliseconds: 214_000 },
    { title: "Late Tram", artist: "Mira Quartet", durationInMilliseconds: 187_000 },
    { title: "Smoke Rings", artist: "The Night Owls", durationInMilliseconds: 242_000 },
  ],
  classical: [
    { title: "Morning Prelude", artist: "Aster Strings", durationInMilliseconds: 301_000 },
    { title: "River Suite", artist: "Aster Strings", durationInMilliseconds: 356_000 },
  ],
  rock: [
    { title: "Gravel Road", artist: "Static Bloom", durationInMilliseconds: 199_000 },
    { title: "Neon Engine", artist: "Static Bloom", durationInMilliseconds: 221_000 },
  ],
  pop: [
    { title: "Paper Planes", artist: "Lumi", durationInMilliseconds: 176_000 },
    { title: "Sunday Colors", artist: "Lumi", durationInMilliseconds: 188_000 },
  ],
  lofi: [
    { title: "Rainy Desk", artist: "kettle & co", durationInMilliseconds: 132_000 },
    { title: "Slow Window", artist: "kettle & co", durationInMilliseconds: 141_000 },
  ],
};

/** Lo-fi streams use short-lived URLs: the client asks for them just before playing (§5.9). */
export const deferredGenres: ReadonlySet<Genre> = new Set<Genre>(["lofi"]);

export const tokenOf = (genre: Genre, index: number) => `${genre}:${index}`;

export function parseToken(token: string | undefined): { genre: Genre; index: number } | undefined {
  const [genre, index] = (token ?? "").split(":");
  const n = Number(index);
  if (!genre || !(genre in playlists) || !Number.isInteger(n)) return undefined;
  if (n < 0 || n >= playlists[genre as Genre].length) return undefined;
  return { genre: genre as Genre, index: n };
}

export function trackUrl(baseUrl: string, genre: Genre, index: number): string {
  return `${baseUrl}/${genre}/${index + 1}.mp3`;
}

export function audioItemOf(baseUrl: string, genre: Genre, index: number): AudioItem {
  const track = playlists[genre][index]!;
  const token = tokenOf(genre, index);
  const deferred = deferredGenres.has(genre);
  return {
    audioItemId: `music-box-${genre}-${index + 1}`,
    titleText: track.title,
    titleSubText1: track.artist,
    headerText: genre,
    stream: {
      token,
      url: deferred ? `clova:${token}` : trackUrl(baseUrl, genre, index),
      urlPlayable: !deferred,
      beginAtInMilliseconds: 0,
      durationInMilliseconds: track.durationInMilliseconds,
      progressReport: {
        progressReportDelayInMilliseconds: 10_000,
        progressReportIntervalInMilliseconds: null,
        progressReportPositionInMilliseconds: null,
      },
    },
  };
}
