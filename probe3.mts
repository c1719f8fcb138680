import { compileModel } from "./packages/nlu/src/index.ts";
import { bakeryModel } from "./packages/server/test/helpers/models.ts";
import { en } from "./packages/server/src/abilities/alerts/models/en.ts";
let t = Date.now(); compileModel(bakeryModel("en")); console.log("bakery", Date.now()-t);
t = Date.now(); compileModel({ ...en, invocation: { main: "alerts" } } as any); console.log("en", Date.now()-t);
const noOpen = { ...en, customSlotTypes: en.customSlotTypes!.map((c: any) => ({ ...c, open: false })) };
t = Date.now(); compileModel({ ...noOpen, invocation: { main: "alerts" } } as any); console.log("en closed", Date.now()-t);
const one = { ...en, builtinSlotTypes: ["CLOVA.DURATION"], intents: en.intents.map((i: any) => ({...i, slots: i.slots.filter((s: any)=> s.type !== "CLOVA.DATETIME"), utterances: i.utterances.map((u: string) => u.replace(/<(when|from|to)>(.*?)<\/\1>/g, "$2"))})) };
t = Date.now(); compileModel({ ...one, invocation: { main: "alerts" } } as any); console.log("en no datetime", Date.now()-t);
