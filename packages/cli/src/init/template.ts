// The files of a new extension project (`clover init`): an SDK extension answering a greeting
// intent, its model, the generated types, a dialog test, README, package.json and tsconfig.
import type { InteractionModel } from "@clover/protocol";
import { generateModelTypes } from "@clover/sdk";

export interface ProjectSpec {
  /** npm package name. */
  packageName: string;
  extensionId: string;
  displayName: string;
  invocation: string;
}

export function projectModel(spec: ProjectSpec): InteractionModel {
  return {
    language: "en",
    invocation: { main: spec.invocation },
    builtinIntents: [
      "Clova.GuideIntent",
      "Clova.CancelIntent",
      "Clova.YesIntent",
      "Clova.NoIntent",
    ],
    customSlotTypes: [
      {
        name: "Friend",
        values: [
          { value: "alice", synonyms: ["ali"] },
          { value: "bob", synonyms: ["bobby", "robert"] },
          { value: "charlie" },
        ],
      },
    ],
    intents: [
      {
        name: "HelloIntent",
        slots: [{ name: "friend", type: "Friend" }],
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
      },
    ],
  };
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export function projectFiles(
  spec: ProjectSpec,
  versions: { sdk: string; cli: string },
): Record<string, string> {
  const model = projectModel(spec);
  return {
    "package.json": json({
      name: spec.packageName,
      version: "0.1.0",
      private: true,
      type: "module",
      scripts: {
        start: "node --import tsx src/server.ts",
        test: "clover test test",
        "model:validate": "clover model validate models/en.json",
        "model:types":
          "clover model types models/en.json --name Model --out src/model.generated.d.ts",
        typecheck: "tsc --noEmit",
      },
      dependencies: { "@clover/sdk": versions.sdk },
      devDependencies: {
        "@clover/cli": versions.cli,
        tsx: "^4.23.15",
        typescript: "^5.9.3",
        "@types/node": "^20.19.43",
      },
    }),
    "tsconfig.json": json({
      compilerOptions: {
        target: "ES2022",
        module: "NodeNext",
        moduleResolution: "NodeNext",
        strict: true,
        skipLibCheck: true,
        verbatimModuleSyntax: true,
        noEmit: true,
        types: ["node"],
      },
      include: ["src"],
    }),
    ".gitignore": "node_modules\ndist\ntest-results\n",
    "models/en.json": json(model),
    "src/model.generated.d.ts": generateModelTypes(model, { name: "Model" }),
    "src/extension.ts": `// ${spec.displayName}: greets the user, or a friend by name.
import { createExtension, type VerificationOptions } from "@clover/sdk";
import type { Model } from "./model.generated.js";

export const EXTENSION_ID = ${JSON.stringify(spec.extensionId)};

export function create${pascal(spec.displayName)}Extension(
  options: { verification?: VerificationOptions } = {},
) {
  return createExtension<Model>({ applicationId: EXTENSION_ID, defaultLanguage: "en", ...options })
    .onLaunch((ctx) => {
      ctx.say("Hi! Who should I greet?").response.reprompt("Say, for example, say hello to bob.");
    })
    .onIntent("HelloIntent", (ctx) => {
      const friend = ctx.slotValue("friend");
      ctx.say(friend ? \`Hello, \${friend}!\` : "Hello there!").endSession();
    })
    .onIntent("Clova.GuideIntent", (ctx) => {
      ctx.say("I send greetings. Say, for example, say hello to alice.").response.reprompt("Who should I greet?");
    })
    .onIntent(["Clova.CancelIntent", "Clova.NoIntent"], (ctx) => {
      ctx.say("Goodbye!").endSession();
    })
    .onIntent("Clova.YesIntent", (ctx) => {
      ctx.say("Hello there!").endSession();
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
    "test/hello.test.yaml": `# Dialog tests: \`npm test\` (clover test) starts a platform, registers this extension with
# models/, starts src/server.ts and plays each conversation. Format: the clover CLI docs.
name: ${spec.displayName}
extension:
  id: ${spec.extensionId}
  models: ../models
  server: ../src/server.ts

tests:
  - name: greets a friend in one shot
    steps:
      - user: ask ${spec.invocation} to say hello to bobby
        expect:
          extension: ${spec.extensionId}
          intent: HelloIntent
          slots: { friend: bob }
          speech: Hello, bob!
          session: ended
          request:
            request: { type: IntentRequest, intent: { name: HelloIntent } }

  - name: asks who to greet, then greets
    steps:
      - user: open ${spec.invocation}
        expect:
          speech: /who should i greet/i
          session: open
          request: { request: { type: LaunchRequest } }
      - user: greet alice
        expect:
          intent: HelloIntent
          speech: Hello, alice!
          session: ended
`,
    "README.md": `# ${spec.displayName}

A Clova custom extension (\`${spec.extensionId}\`) built with the Clover SDK. Users say
"ask ${spec.invocation} to say hello to bob"; it answers "Hello, bob!".

| Path | What |
| --- | --- |
| \`models/en.json\` | interaction model: invocation name, intents, slot types |
| \`src/extension.ts\` | the handlers |
| \`src/server.ts\` | the HTTP server (\`PORT\`, signature checks with \`CLOVA_PUBLIC_KEY_URL\`) |
| \`src/model.generated.d.ts\` | types of the model's intents and slots (\`npm run model:types\`) |
| \`test/*.test.yaml\` | dialog tests (\`npm test\`) |

## Develop

\`\`\`sh
npm install
npm test                       # dialog tests on a throw-away platform
npm run model:validate         # after editing models/en.json
npm run model:types            # regenerate the types
npm start                      # serve on PORT (3000)
\`\`\`

## Register it on a platform

\`\`\`sh
clover ext add --id ${spec.extensionId} --name "${spec.displayName}" \\
  --endpoint https://your-host.example/ --models models
clover chat "ask ${spec.invocation} to say hello to alice"
\`\`\`
`,
  };
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
