// The files of a new extension project (`clover init`): an SDK extension answering a greeting
// intent, its model, the generated types, a dialog test, README, package.json and tsconfig.
import type { InteractionModel } from "@clover/protocol";
import { generateModelTypes } from "@clover/sdk";

export type InitLanguage = "en" | "ja" | "ko";
export const INIT_LANGUAGES: readonly InitLanguage[] = ["en", "ja", "ko"];

export interface ProjectSpec {
  /** npm package name. */
  packageName: string;
  extensionId: string;
  displayName: string;
  /** Invocation name by language. */
  invocations: Partial<Record<InitLanguage, string>>;
  languages: readonly InitLanguage[];
}

/** Where the project's Clover packages and tools come from (npm dependency specs). */
export interface DependencySpecs {
  sdk: string;
  cli: string;
  tsx: string;
  typescript: string;
  typesNode: string;
}

/** The default invocation names of the languages other than English. */
export const DEFAULT_INVOCATIONS: Record<InitLanguage, string> = {
  en: "hello friend",
  ja: "あいさつ係",
  ko: "인사 도우미",
};

interface Words {
  friends: { value: string; synonyms?: string[] }[];
  utterances: string[];
  welcome: string;
  reprompt: string;
  guide: string;
  hello: string;
  helloTo: string;
  bye: string;
  /** A one-shot request and a launch, then a follow-up, for the dialog test. */
  test: { oneShot: (name: string) => string; open: (name: string) => string; follow: string };
  friendSaid: string;
  friendValue: string;
  followFriend: string;
}

const WORDS: Record<InitLanguage, Words> = {
  en: {
    friends: [
      { value: "alice", synonyms: ["ali"] },
      { value: "bob", synonyms: ["bobby", "robert"] },
      { value: "charlie" },
    ],
    utterances: [
      "say hello",
      "say hi",
      "greet me",
      "give me a greeting",
      "say hello to <friend>alice</friend>",
      "say hi to <friend>bob</friend>",
      "greet <friend>charlie</friend>",
      "send my greetings to <friend>bobby</friend>",
      "tell <friend>alice</friend> hello",
    ],
    welcome: "Hi! Who should I greet?",
    reprompt: "Say, for example, say hello to bob.",
    guide: "I send greetings. Say, for example, say hello to alice.",
    hello: "Hello there!",
    helloTo: "Hello, {friend}!",
    bye: "Goodbye!",
    test: {
      oneShot: (name) => `ask ${name} to say hello to bobby`,
      open: (name) => `open ${name}`,
      follow: "greet alice",
    },
    friendSaid: "bob",
    friendValue: "bob",
    followFriend: "alice",
  },
  ja: {
    friends: [
      { value: "たろう", synonyms: ["太郎"] },
      { value: "はなこ", synonyms: ["花子"] },
      { value: "けんじ" },
    ],
    utterances: [
      "あいさつして",
      "こんにちはと言って",
      "挨拶をお願い",
      "<friend>たろう</friend>にあいさつして",
      "<friend>はなこ</friend>にこんにちはと伝えて",
      "<friend>けんじ</friend>に挨拶して",
      "<friend>太郎</friend>によろしく",
    ],
    welcome: "こんにちは。誰にあいさつしますか?",
    reprompt: "たとえば、たろうにあいさつして、と言ってください。",
    guide: "あいさつをします。たとえば、はなこにあいさつして、と言ってください。",
    hello: "こんにちは!",
    helloTo: "{friend}さん、こんにちは!",
    bye: "さようなら。",
    test: {
      oneShot: (name) => `${name}で太郎にあいさつして`,
      open: (name) => `${name}を開いて`,
      follow: "はなこにあいさつして",
    },
    friendSaid: "太郎",
    friendValue: "たろう",
    followFriend: "はなこ",
  },
  ko: {
    friends: [{ value: "민수" }, { value: "지영" }, { value: "철수" }],
    utterances: [
      "인사해 줘",
      "안녕이라고 말해 줘",
      "<friend>민수</friend>에게 인사해 줘",
      "<friend>지영</friend>한테 안녕이라고 전해 줘",
      "<friend>철수</friend>에게 인사 좀 해 줘",
    ],
    welcome: "안녕하세요! 누구에게 인사할까요?",
    reprompt: "예를 들어, 민수에게 인사해 줘, 라고 말해 보세요.",
    guide: "인사를 전해 드려요. 예를 들어, 지영에게 인사해 줘, 라고 말해 보세요.",
    hello: "안녕하세요!",
    helloTo: "{friend} 님, 안녕하세요!",
    bye: "안녕히 가세요.",
    test: {
      oneShot: (name) => `${name}에서 민수에게 인사해 줘`,
      open: (name) => `${name} 열어 줘`,
      follow: "지영에게 인사해 줘",
    },
    friendSaid: "민수",
    friendValue: "민수",
    followFriend: "지영",
  },
};

export const invocationOf = (spec: ProjectSpec, language: InitLanguage) =>
  spec.invocations[language] ?? DEFAULT_INVOCATIONS[language];

export function projectModel(spec: ProjectSpec, language: InitLanguage = "en"): InteractionModel {
  const words = WORDS[language];
  return {
    language,
    invocation: { main: invocationOf(spec, language) },
    builtinIntents: [
      "Clova.GuideIntent",
      "Clova.CancelIntent",
      "Clova.YesIntent",
      "Clova.NoIntent",
    ],
    customSlotTypes: [{ name: "Friend", values: words.friends }],
    intents: [
      {
        name: "HelloIntent",
        slots: [{ name: "friend", type: "Friend" }],
        utterances: words.utterances,
      },
    ],
  };
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

function messagesFile(languages: readonly InitLanguage[]): string {
  const entries = languages.map((l) => {
    const w = WORDS[l];
    const helloTo = w.helloTo.replace("{friend}", "$${friend}");
    return `  ${l}: {
    welcome: ${JSON.stringify(w.welcome)},
    reprompt: ${JSON.stringify(w.reprompt)},
    guide: ${JSON.stringify(w.guide)},
    hello: ${JSON.stringify(w.hello)},
    helloTo: (friend: string) => \`${helloTo}\`,
    bye: ${JSON.stringify(w.bye)},
  },`;
  });
  return `// What the extension says, by language (one entry per model in models/).
export const messages = {
${entries.join("\n")}
};

export type Language = keyof typeof messages;
`;
}

function testFile(spec: ProjectSpec, language: InitLanguage): string {
  const w = WORDS[language];
  const name = invocationOf(spec, language);
  const hello = (friend: string) => w.helloTo.replace("{friend}", friend);
  return `# Dialog tests (${language}): \`npm test\` (clover test) starts a platform, registers this
# extension with models/, starts src/server.ts and plays each conversation through the NLU.
# Format: the clover CLI docs.
name: ${spec.displayName} (${language})
extension:
  id: ${spec.extensionId}
  models: ../models
  server: ../src/server.ts

tests:
  - name: greets a friend in one shot
    steps:
      - user: ${w.test.oneShot(name)}
        expect:
          extension: ${spec.extensionId}
          intent: HelloIntent
          slots: { friend: ${w.friendValue} }
          speech: ${JSON.stringify(hello(w.friendValue))}
          session: ended
          request:
            request: { type: IntentRequest, intent: { name: HelloIntent } }

  - name: asks who to greet, then greets
    steps:
      - user: ${w.test.open(name)}
        expect:
          speech: ${JSON.stringify(w.welcome)}
          session: open
          request: { request: { type: LaunchRequest } }
      - user: ${w.test.follow}
        expect:
          intent: HelloIntent
          speech: ${JSON.stringify(hello(w.followFriend))}
          session: ended
`;
}

export function projectFiles(spec: ProjectSpec, deps: DependencySpecs): Record<string, string> {
  const models = spec.languages.map((l) => projectModel(spec, l));
  const modelPaths = spec.languages.map((l) => `models/${l}.json`).join(" ");
  const files: Record<string, string> = {
    "package.json": json({
      name: spec.packageName,
      version: "0.1.0",
      private: true,
      type: "module",
      scripts: {
        start: "node --conditions=@clover/source --import tsx src/server.ts",
        test: "npm run model:validate && npm run typecheck && clover test test",
        "model:validate": `clover model validate ${modelPaths}`,
        "model:types": `clover model types ${modelPaths} --name Model --out src/model.generated.d.ts`,
        typecheck: "tsc --noEmit",
      },
      dependencies: { "@clover/sdk": deps.sdk },
      devDependencies: {
        "@clover/cli": deps.cli,
        tsx: deps.tsx,
        typescript: deps.typescript,
        "@types/node": deps.typesNode,
      },
    }),
    "tsconfig.json": json({
      compilerOptions: {
        target: "ES2022",
        module: "NodeNext",
        moduleResolution: "NodeNext",
        // The Clover packages ship TypeScript sources under this export condition.
        customConditions: ["@clover/source"],
        strict: true,
        skipLibCheck: true,
        verbatimModuleSyntax: true,
        noEmit: true,
        allowImportingTsExtensions: true,
        types: ["node"],
      },
      include: ["src"],
    }),
    ".gitignore": "node_modules\ndist\ntest-results\nreports\n",
    "src/model.generated.d.ts": generateModelTypes(models, { name: "Model" }),
    "src/messages.ts": messagesFile(spec.languages),
    "src/extension.ts": `// ${spec.displayName}: greets the user, or a friend by name, in ${spec.languages.join(", ")}.
import { createExtension, type HandlerContext, type VerificationOptions } from "@clover/sdk";
import { type Language, messages } from "./messages.js";
import type { Model } from "./model.generated.js";

export const EXTENSION_ID = ${JSON.stringify(spec.extensionId)};

const say = (ctx: HandlerContext<Model>) =>
  messages[(ctx.language in messages ? ctx.language : ${JSON.stringify(spec.languages[0])}) as Language];

export function create${pascal(spec.displayName)}Extension(
  options: { verification?: VerificationOptions } = {},
) {
  return createExtension<Model>({
    applicationId: EXTENSION_ID,
    defaultLanguage: ${JSON.stringify(spec.languages[0])},
    ...options,
  })
    .onLaunch((ctx) => {
      ctx.say(say(ctx).welcome).response.reprompt(say(ctx).reprompt);
    })
    .onIntent("HelloIntent", (ctx) => {
      const friend = ctx.slotValue("friend");
      ctx.say(friend ? say(ctx).helloTo(friend) : say(ctx).hello).endSession();
    })
    .onIntent("Clova.GuideIntent", (ctx) => {
      ctx.say(say(ctx).guide).response.reprompt(say(ctx).reprompt);
    })
    .onIntent(["Clova.CancelIntent", "Clova.NoIntent"], (ctx) => {
      ctx.say(say(ctx).bye).endSession();
    })
    .onIntent("Clova.YesIntent", (ctx) => {
      ctx.say(say(ctx).hello).endSession();
    });
}
`,
    "src/server.ts": `// Serves the extension: PORT (default 3000); checks CEK signatures when CLOVA_PUBLIC_KEY or
// CLOVA_PUBLIC_KEY_URL is set (the platform's /.well-known/signature-public-key.pem).
import { listen, verificationFromEnv } from "@clover/sdk";
import { create${pascal(spec.displayName)}Extension } from "./extension.js";

const extension = create${pascal(spec.displayName)}Extension({ verification: verificationFromEnv() });
const { url } = await listen(extension, { port: Number(process.env.PORT ?? 3000) });
console.log(\`${spec.displayName} listening on \${url}\`);
`,
    "README.md": `# ${spec.displayName}

A Clova custom extension (\`${spec.extensionId}\`) built with the Clover SDK, in
${spec.languages.join(", ")}. Users say "${WORDS[spec.languages[0]!].test.oneShot(invocationOf(spec, spec.languages[0]!))}"; it answers.

| Path | What |
| --- | --- |
| \`models/<language>.json\` | interaction models: invocation name, intents, slot types |
| \`src/messages.ts\` | what it says, by language |
| \`src/extension.ts\` | the handlers |
| \`src/server.ts\` | the HTTP server (\`PORT\`, signature checks with \`CLOVA_PUBLIC_KEY_URL\`) |
| \`src/model.generated.d.ts\` | types of the model's intents and slots (\`npm run model:types\`) |
| \`test/*.test.yaml\` | dialog tests (\`npm test\`) |

## Develop

\`\`\`sh
npm install
npm test                       # models, types, then dialog tests on a throw-away platform
npm run model:validate         # after editing models/
npm run model:types            # regenerate the types
npm start                      # serve on PORT (3000)
\`\`\`

## Register it on a platform

\`\`\`sh
clover ext add --id ${spec.extensionId} --name "${spec.displayName}" \\
  --endpoint https://your-host.example/ --models models
clover chat "${WORDS[spec.languages[0]!].test.oneShot(invocationOf(spec, spec.languages[0]!))}"
\`\`\`
`,
  };
  for (const [i, l] of spec.languages.entries()) {
    files[`models/${l}.json`] = json(models[i]);
    files[`test/hello.${l}.test.yaml`] = testFile(spec, l);
  }
  return files;
}

export function pascal(text: string): string {
  const p = text
    .replace(/[^A-Za-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join("");
  return /^[A-Za-z]/.test(p) ? p : `My${p}`;
}
